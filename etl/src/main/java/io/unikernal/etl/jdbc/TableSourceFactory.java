package io.unikernal.etl.jdbc;

import io.unikernal.etl.spi.RecordSource;
import java.io.IOException;
import java.time.Duration;
import javax.sql.DataSource;

/** The bean a database source compiles to: opens a {@link TableSource} per run. */
public final class TableSourceFactory implements RecordSource.Factory {

    private static final int PAGE_ROWS = 10_000;

    private DataSource dataSource;
    private String table;
    private String query;
    private String cursor;
    private String cursorKey;
    private boolean follow;
    private Duration poll = Duration.ofSeconds(1);

    @Override
    public RecordSource create() throws IOException {
        return new TableSource(dataSource, table, query, cursor, cursorKey, PAGE_ROWS, follow, poll);
    }

    /** The table followed past its last row: the same position as {@link #create()}'s, so a backfill hands over. */
    @Override
    public RecordSource createStream() throws IOException {
        return new TableSource(dataSource, table, query, cursor, cursorKey, PAGE_ROWS, true, poll);
    }

    @Override
    public String checkpointName() {
        return table != null ? "table:" + table : "query:" + query.strip();
    }

    @Override
    public String describe() {
        return (table != null ? "table " + table : "query") + " by " + cursor;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public void setCursor(String cursor) {
        this.cursor = cursor;
    }

    public void setCursorKey(String cursorKey) {
        this.cursorKey = cursorKey;
    }

    /** True for a stream: the table is followed past its last row. */
    public void setFollow(boolean follow) {
        this.follow = follow;
    }

    public void setPoll(Duration poll) {
        this.poll = poll;
    }
}
