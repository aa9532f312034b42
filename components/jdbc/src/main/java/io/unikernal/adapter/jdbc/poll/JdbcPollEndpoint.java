package io.unikernal.adapter.jdbc.poll;

import io.unikernal.runtime.checkpoint.CheckpointStore;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * A table (or a SELECT) polled by a cursor column: every {@code delay} the rows after the saved cursor, in cursor
 * order, {@code batchSize} at a time, each one exchange; the cursor advances to a row once its exchange completed
 * (the route delivered it or dead-lettered it), so a stop or a crash reads again from the first row not finished.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "jdbc-poll", title = "JDBC cursor poll", syntax = "jdbc-poll:checkpoint",
        consumerOnly = true, category = {Category.DATABASE}, headersClass = JdbcPollConstants.class)
public class JdbcPollEndpoint extends ScheduledPollEndpoint {

    /** A column: a plain SQL identifier. */
    public static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A table, optionally schema-qualified. */
    public static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    /**
     * A single SELECT (or WITH ... SELECT): no second statement, no positional parameter of its own, no '}' (the
     * endpoint URI carries the query verbatim as RAW{...} when it holds a ')').
     */
    public static final Pattern QUERY = Pattern.compile("(?is)\\s*(select|with)\\s[^;?}]*");


    @UriPath(description = "The name the cursor is kept under in the checkpoint store.")
    @Metadata(required = true)
    private String checkpoint;
    @UriParam(description = "The database (a bean reference, #bean:name).")
    @Metadata(required = true)
    private DataSource dataSource;
    @UriParam(description = "Where the cursor is kept (a bean reference, #bean:name).")
    @Metadata(required = true)
    private CheckpointStore checkpoints;
    @UriParam(description = "The table to read, a plain identifier (schema.table allowed); or give query.")
    private String table;
    @UriParam(description = "A SELECT whose rows are read as a table would be (no ';', no '?'); or give table.")
    private String query;
    @UriParam(description = "The column rows are read in order of; its values only grow (an id, an updated_at).")
    @Metadata(required = true)
    private String cursor;
    @UriParam(description = "A unique column that orders the rows of equal cursor values; needed when the cursor"
            + " column is not unique.")
    private String cursorKey;
    @UriParam(defaultValue = "100", description = "The most rows one read returns.")
    private int batchSize = 100;
    @UriParam(defaultValue = "false", description = "A source with no saved cursor starts after the last row there is"
            + " (only rows written later are read); false: from the first row.")
    private boolean startAtEnd;

    public JdbcPollEndpoint() {
    }

    public JdbcPollEndpoint(String uri, JdbcPollComponent component) {
        super(uri, component);
        setGreedy(true); // a full batch is followed by the next at once, not after the poll interval
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("jdbc-poll is a source only: write rows with the sql component");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (dataSource == null || checkpoints == null) {
            throw new IllegalArgumentException("the jdbc-poll endpoint " + checkpoint + " needs its dataSource and"
                    + " checkpoints");
        }
        JdbcPollConsumer consumer = new JdbcPollConsumer(this, processor,
                new PollQuery(table, query, cursor, cursorKey, batchSize));
        configureConsumer(consumer);
        return consumer;
    }

    public String getCheckpoint() {
        return checkpoint;
    }

    /** The name the cursor is kept under. */
    public void setCheckpoint(String checkpoint) {
        this.checkpoint = checkpoint;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    /** The database. */
    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public CheckpointStore getCheckpoints() {
        return checkpoints;
    }

    /** Where the cursor is kept. */
    public void setCheckpoints(CheckpointStore checkpoints) {
        this.checkpoints = checkpoints;
    }

    public String getTable() {
        return table;
    }

    /** The table to read. */
    public void setTable(String table) {
        this.table = table;
    }

    public String getQuery() {
        return query;
    }

    /** A SELECT whose rows are read as a table would be. */
    public void setQuery(String query) {
        this.query = query;
    }

    public String getCursor() {
        return cursor;
    }

    /** The column rows are read in order of. */
    public void setCursor(String cursor) {
        this.cursor = cursor;
    }

    public String getCursorKey() {
        return cursorKey;
    }

    /** A unique column that orders the rows of equal cursor values. */
    public void setCursorKey(String cursorKey) {
        this.cursorKey = cursorKey;
    }

    public int getBatchSize() {
        return batchSize;
    }

    /** The most rows one read returns. */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public boolean isStartAtEnd() {
        return startAtEnd;
    }

    /** A source with no saved cursor starts after the last row there is. */
    public void setStartAtEnd(boolean startAtEnd) {
        this.startAtEnd = startAtEnd;
    }
}
