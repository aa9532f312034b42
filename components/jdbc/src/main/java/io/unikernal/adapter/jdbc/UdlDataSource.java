package io.unikernal.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The pooled DataSource of a jdbc system (HikariCP). Nothing connects when the bean is built, so an app starts while
 * its database is down. The pool and the system's init SQL — statements separated by semicolons at line ends, run
 * once — start on the first successful use: {@link #check()} (the system's probe, at start and while the database is
 * down) or the first {@link #getConnection()}, whichever comes first; so the init SQL has run before any message
 * uses a connection. Until then each use first tries one connection of its own, which fails at once and quietly
 * when the database is not there (Hikari would log a stack trace per attempt).
 */
public class UdlDataSource extends HikariDataSource {

    /** The init SQL failed: the script is wrong, retrying cannot help. */
    static final class InitSqlFailure extends SQLException {
        private static final long serialVersionUID = 1L;

        InitSqlFailure(SQLException cause) {
            super("the init SQL failed: " + cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }

    private static final int VALID_SECONDS = 5;

    private String initSql;
    private volatile boolean ready;

    public void setInitSql(String initSql) {
        this.initSql = initSql;
    }

    public String getInitSql() {
        return initSql;
    }

    /**
     * The database's driver properties ({@link JdbcDatabase#driverProperties()}) as {@code name=value;name=value}: the
     * text a bean property can carry. Each goes to every connection, the pool's and the probe's.
     */
    public void setDriverProperties(String properties) {
        for (String pair : properties.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                addDataSourceProperty(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
    }

    /** The text {@link #setDriverProperties} reads, in name order. */
    static String driverProperties(java.util.Map<String, String> properties) {
        return new java.util.TreeMap<>(properties).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(";"));
    }

    /**
     * Opens a connection of its own (not the pool's: a pool whose database went away waits its whole connection
     * timeout), checks it, then makes sure the pool and the init SQL have started. Throws what the driver said.
     */
    public void check() throws SQLException {
        try (Connection direct = connectDirectly()) {
            if (!direct.isValid(VALID_SECONDS)) {
                throw new SQLTransientConnectionException("the database did not answer within " + VALID_SECONDS
                        + " s", "08006");
            }
        }
        prepare(false);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!ready) {
            prepare(true);
        }
        return super.getConnection();
    }

    private synchronized void prepare(boolean probeFirst) throws SQLException {
        if (ready) {
            return;
        }
        if (probeFirst) {
            connectDirectly().close();
        }
        if (initSql != null && !initSql.isBlank()) {
            runInitSql();
        }
        ready = true;
    }

    private void runInitSql() throws SQLException {
        try (Connection connection = super.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : initSql.split(";\\s*(\\r?\\n|$)")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new InitSqlFailure(e);
        }
    }

    /** A new physical connection with the pool's URL and credentials. */
    private Connection connectDirectly() throws SQLException {
        return connectDirectly(new Properties());
    }

    /**
     * A new physical connection outside the pool, with the pool's URL, credentials and driver properties plus
     * {@code extra}: for a connection held for good (a LISTEN), which the pool must neither count nor hand out.
     */
    public Connection connectDirectly(Properties extra) throws SQLException {
        Driver driver;
        try {
            driver = DriverManager.getDriver(getJdbcUrl());
        } catch (SQLException e) {
            // no SQLState: this is not a connection that failed but a driver that is missing, which no retry mends
            throw new SQLException("no JDBC driver is installed for " + scheme(getJdbcUrl()));
        }
        Properties properties = new Properties();
        properties.putAll(getDataSourceProperties());
        if (getUsername() != null) {
            properties.setProperty("user", getUsername());
        }
        if (getPassword() != null) {
            properties.setProperty("password", getPassword());
        }
        properties.putAll(extra);
        Connection connection = driver.connect(getJdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("the JDBC driver refuses the url of " + getPoolName());
        }
        return connection;
    }

    /** {@code jdbc:postgresql:} of a URL, never its host, user or parameters. */
    private static String scheme(String url) {
        if (url == null) {
            return "an empty url";
        }
        int second = url.indexOf(':', "jdbc:".length());
        return second > 0 ? url.substring(0, second + 1) : "this url";
    }
}
