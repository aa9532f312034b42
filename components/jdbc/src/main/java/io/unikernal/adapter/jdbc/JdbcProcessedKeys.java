package io.unikernal.adapter.jdbc;

import io.unikernal.runtime.idempotency.ProcessedKeysRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The processed keys of a route in a jdbc/postgres system: table {@code CAMEL_MESSAGEPROCESSED} (Camel's own layout,
 * created if missing) plus a column {@code inFlightUntil}, the end of a key's in-flight lease, NULL once done (so rows
 * Camel's own repository wrote count as done). Every statement is one atomic auto-committed statement: a key is
 * recorded by an insert that cannot fail for a duplicate ({@code ON CONFLICT DO NOTHING} on PostgreSQL and SQLite; elsewhere the
 * unique violation, SQLState class 23, is the answer "duplicate"), and an in-flight mark whose lease ran out is taken
 * over by one conditional update. Camel's JdbcMessageIdRepository checks then inserts, so copies arriving at once
 * failed with DuplicateKeyException. The table is made at start, or on first use when the database is down at start:
 * a route keeping its keys there starts anyway, and its messages fail (and are dead-lettered) until it is up.
 */
public final class JdbcProcessedKeys extends ProcessedKeysRepository {

    static final String TABLE = "CAMEL_MESSAGEPROCESSED";
    static final String DDL = "CREATE TABLE IF NOT EXISTS " + TABLE + " (processorName VARCHAR(255), "
            + "messageId VARCHAR(100), createdAt TIMESTAMP, inFlightUntil TIMESTAMP, "
            + "PRIMARY KEY (processorName, messageId))";
    /** A table made by Camel or an earlier Unikernal lacks the lease column. */
    static final String ADD_LEASE_COLUMN = "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS inFlightUntil TIMESTAMP";
    private static final String INSERT = "INSERT INTO " + TABLE
            + " (processorName, messageId, createdAt, inFlightUntil) VALUES (?, ?, ?, ?)";
    private static final String TAKE_OVER = "UPDATE " + TABLE + " SET createdAt = ?, inFlightUntil = ? "
            + "WHERE processorName = ? AND messageId = ? AND inFlightUntil < ?";
    private static final String CONFIRM = "UPDATE " + TABLE + " SET inFlightUntil = NULL "
            + "WHERE processorName = ? AND messageId = ?";
    private static final String DELETE = "DELETE FROM " + TABLE + " WHERE processorName = ? AND messageId = ?";
    private static final String STATE = "SELECT inFlightUntil FROM " + TABLE
            + " WHERE processorName = ? AND messageId = ?";
    private static final String CLEAR = "DELETE FROM " + TABLE + " WHERE processorName = ?";
    private static final String INTEGRITY_VIOLATION = "23";

    private DataSource dataSource;
    private String namespace;
    private volatile String insert = INSERT;
    private volatile boolean prepared;

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The route's {@code app/route}, kept in column processorName. */
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    @Override
    protected void doStart() {
        if (dataSource == null || namespace == null || namespace.isBlank()) {
            throw new IllegalStateException("a jdbc store of processed keys needs its data source and namespace");
        }
        try (Connection connection = connection()) {
            // the table is there from the start when the database is
        } catch (SQLException databaseNotThereYet) {
            // the system's probe reports it; the first message that needs the table makes it
        }
    }

    /** A connection of the store, its table made on the first one. */
    private Connection connection() throws SQLException {
        Connection connection = dataSource.getConnection();
        if (!prepared) {
            try {
                prepare(connection);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    private synchronized void prepare(Connection connection) throws SQLException {
        if (prepared) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            // IF NOT EXISTS: PostgreSQL aborts the transaction of Camel's own "does it exist" probe
            statement.execute(DDL);
            if (!hasLeaseColumn(statement)) {
                statement.execute(ADD_LEASE_COLUMN); // only then: ALTER needs the table's owner
            }
            insert = SqlDialect.of(connection).insertOrNothing(INSERT);
        }
        prepared = true;
    }

    private static boolean hasLeaseColumn(Statement statement) {
        try (ResultSet none = statement.executeQuery("SELECT inFlightUntil FROM " + TABLE + " WHERE 1 = 0")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public boolean add(String key) {
        Instant now = Instant.now();
        Timestamp until = Timestamp.from(now.plus(inFlightLease()));
        try (Connection connection = connection()) {
            if (insertKey(connection, key, Timestamp.from(now), until)) {
                return true;
            }
            return update(connection, TAKE_OVER, Timestamp.from(now), until, namespace, key, Timestamp.from(now)) == 1;
        } catch (SQLException e) {
            throw failure("record", e);
        }
    }

    private boolean insertKey(Connection connection, String key, Timestamp now, Timestamp until)
            throws SQLException {
        try {
            return update(connection, insert, namespace, key, now, until) == 1;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith(INTEGRITY_VIOLATION)) {
                return false; // the key is there already: a duplicate
            }
            throw e;
        }
    }

    @Override
    public boolean isDone(String key) {
        try (Connection connection = connection();
                PreparedStatement statement = prepare(connection, STATE, namespace, key);
                ResultSet row = statement.executeQuery()) {
            return row.next() && row.getTimestamp(1) == null;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public boolean contains(String key) {
        try (Connection connection = connection();
                PreparedStatement statement = prepare(connection, STATE, namespace, key);
                ResultSet row = statement.executeQuery()) {
            return row.next();
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public boolean confirm(String key) {
        return change(CONFIRM, key);
    }

    @Override
    public boolean remove(String key) {
        return change(DELETE, key);
    }

    @Override
    public void clear() {
        try (Connection connection = connection()) {
            update(connection, CLEAR, namespace);
        } catch (SQLException e) {
            throw failure("clear", e);
        }
    }

    private boolean change(String sql, String key) {
        try (Connection connection = connection()) {
            return update(connection, sql, namespace, key) > 0;
        } catch (SQLException e) {
            throw failure("update", e);
        }
    }

    private static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, values)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... values)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    private IllegalStateException failure(String action, SQLException e) {
        return new IllegalStateException("could not " + action + " a processed key of " + namespace + ": "
                + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "JdbcProcessedKeys[" + namespace + "]";
    }
}
