package io.unikernal.adapter.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Creates the table Camel's JDBC idempotent repository keeps its keys in, before the repository starts. Camel's own
 * "create if missing" probes inside a transaction that PostgreSQL then aborts, so the repository is told not to and
 * this bean creates the table with {@code IF NOT EXISTS}, which PostgreSQL and H2 both understand.
 */
public final class ProcessedKeysTable {

    static final String DDL = "CREATE TABLE IF NOT EXISTS CAMEL_MESSAGEPROCESSED (processorName VARCHAR(255), "
            + "messageId VARCHAR(100), createdAt TIMESTAMP, PRIMARY KEY (processorName, messageId))";

    private DataSource dataSource;

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The bean's init method. */
    public void create() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(DDL);
        }
    }
}
