package io.unikernal.adapter.jdbc;

import io.unikernal.runtime.checkpoint.CheckpointStore;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.udl.model.SystemDecl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.model.BeanFactoryDefinition;

/**
 * Pipeline checkpoints in a jdbc/postgres system: table {@code UNIKERNAL_CHECKPOINT}, created if missing, one row per
 * (namespace, name). Each operation is one auto-committed statement: {@link #advance} is an update conditional on the
 * old position (or, from nothing, an insert whose unique violation — SQLState class 23 — or, on PostgreSQL and
 * SQLite, whose {@code ON CONFLICT DO NOTHING} inserting no row means another runner was first), so two runners can
 * never both move a checkpoint from one point.
 */
public final class JdbcCheckpoints implements CheckpointStore {

    static final String TABLE = "UNIKERNAL_CHECKPOINT";
    static final String DDL = "CREATE TABLE IF NOT EXISTS " + TABLE + " (namespace VARCHAR(200), name VARCHAR("
            + MAX_NAME_LENGTH + "), position VARCHAR(" + MAX_POSITION_LENGTH + "), updatedAt TIMESTAMP, "
            + "PRIMARY KEY (namespace, name))";
    private static final String SELECT = "SELECT position FROM " + TABLE + " WHERE namespace = ? AND name = ?";
    private static final String INSERT = "INSERT INTO " + TABLE
            + " (namespace, name, position, updatedAt) VALUES (?, ?, ?, CURRENT_TIMESTAMP)";
    private static final String UPDATE = "UPDATE " + TABLE + " SET position = ?, updatedAt = CURRENT_TIMESTAMP "
            + "WHERE namespace = ? AND name = ?";
    private static final String ADVANCE = UPDATE + " AND position = ?";
    private static final String DELETE = "DELETE FROM " + TABLE + " WHERE namespace = ? AND name = ?";
    private static final String INTEGRITY_VIOLATION = "23";
    /** A save races another runner's first insert at most this often before it gives up. */
    private static final int SAVE_ATTEMPTS = 3;

    private DataSource dataSource;
    private String namespace;
    private volatile String insert = INSERT;

    /**
     * Declares a store in {@code system}'s database for {@code namespace} (a model bean whose init method creates the
     * table) and returns its bean name.
     */
    static String declare(SystemDecl system, String namespace,
            CompileContext ctx) {
        String name = ctx.uniqueName(namespace + "-checkpoints");
        BeanFactoryDefinition<?> bean = new BeanFactoryDefinition<>();
        bean.setName(name);
        bean.setType(JdbcCheckpoints.class.getName());
        bean.setProperties(new LinkedHashMap<>(Map.of("dataSource", "#bean:" + ctx.systemBean(system), "namespace",
                namespace)));
        bean.setInitMethod("start");
        ctx.addBean(bean);
        return name;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The pipeline's {@code app/pipeline}. */
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    /** Creates the table; the init method of the bean. */
    public void start() throws SQLException {
        if (dataSource == null || namespace == null || namespace.isBlank()) {
            throw new IllegalStateException("a jdbc checkpoint store needs its data source and namespace");
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(DDL);
            insert = SqlDialect.of(connection).insertOrNothing(INSERT);
        }
    }

    @Override
    public Optional<String> position(String name) {
        CheckpointStore.checkSizes(name, null);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, namespace);
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read checkpoint '" + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String name, String position) {
        CheckpointStore.checkSizes(name, position);
        try (Connection connection = dataSource.getConnection()) {
            for (int attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
                if (update(connection, UPDATE, name, position, null) == 1 || insert(connection, name, position)) {
                    return;
                }
            }
            throw new IllegalStateException("cannot save checkpoint '" + name + "': other runners keep racing it");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save checkpoint '" + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public boolean advance(String name, String expected, String next) {
        CheckpointStore.checkSizes(name, next);
        try (Connection connection = dataSource.getConnection()) {
            return expected == null ? insert(connection, name, next)
                    : update(connection, ADVANCE, name, next, expected) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot advance checkpoint '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * {@link #advance} on the caller's connection, inside the caller's transaction and not committed: a pipeline
     * writes a batch and moves its checkpoint in one transaction, so both land or neither does. The database must
     * be this store's; {@link #start} must have run.
     */
    public boolean advance(Connection connection, String name, String expected, String next) throws SQLException {
        CheckpointStore.checkSizes(name, next);
        if (expected != null) {
            return update(connection, ADVANCE, name, next, expected) == 1;
        }
        // no savepoint is needed: a unique violation would abort the caller's transaction, but it is rolled back
        // anyway when the advance fails; ON CONFLICT DO NOTHING (PostgreSQL, SQLite) reports it as no row
        return insert(connection, name, next);
    }

    @Override
    public void remove(String name) {
        CheckpointStore.checkSizes(name, null);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, namespace);
            delete.setString(2, name);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove checkpoint '" + name + "': " + e.getMessage(), e);
        }
    }

    private int update(Connection connection, String sql, String name, String position, String expected)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, position);
            update.setString(2, namespace);
            update.setString(3, name);
            if (expected != null) {
                update.setString(4, expected);
            }
            return update.executeUpdate();
        }
    }

    /** False when the row exists already (another runner inserted it first). */
    private boolean insert(Connection connection, String name, String position) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, namespace);
            statement.setString(2, name);
            statement.setString(3, position);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith(INTEGRITY_VIOLATION)) {
                return false;
            }
            throw e;
        }
    }
}
