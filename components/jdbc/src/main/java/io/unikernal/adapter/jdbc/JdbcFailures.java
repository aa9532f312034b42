package io.unikernal.adapter.jdbc;

import io.unikernal.runtime.health.NetworkFailures;
import io.unikernal.runtime.health.ProbeResult;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * What a failure to connect to a database means, by the standard SQLState classes (so it holds for every driver):
 * class 28 (authorization: a wrong password, a user that does not exist), 3D000 (no such database) and 08P01
 * (another protocol on that port) — or MariaDB's code 1049, its unknown database, or a file SQLite cannot open —
 * are permanent, and so is an init script that fails; class 08 (connection), 53
 * (out of resources: too many connections), 57 (the server is starting or shutting down) and the driver's
 * transient exceptions are transient. Anything else is taken as a configuration the database refuses: permanent.
 */
final class JdbcFailures {

    /** MariaDB's and MySQL's ER_BAD_DB_ERROR, sent with the generic SQLState 42000. */
    private static final int MARIADB_UNKNOWN_DATABASE = 1049;

    /** SQLite's result code for a file it cannot open or create (its driver sends no SQLState). */
    private static final int SQLITE_CANTOPEN = 14;

    private JdbcFailures() {
    }

    static ProbeResult classify(SQLException e) {
        String message = withoutSeverity(e.getMessage());
        ProbeResult network = NetworkFailures.classify(e, message);
        if (network != null) {
            return network;
        }
        if (e instanceof UdlDataSource.InitSqlFailure) {
            return ProbeResult.misconfigured(message, "fix the system's init script");
        }
        if (e.getErrorCode() == SQLITE_CANTOPEN && message.startsWith("[SQLITE_CANTOPEN]")) {
            return ProbeResult.misconfigured("the SQLite database file cannot be opened",
                    "check the file path in the url: its folder must exist and be writable");
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return ProbeResult.misconfigured(message, "check the user and password");
        }
        if (state.equals("3D000") || e.getErrorCode() == MARIADB_UNKNOWN_DATABASE) {
            return ProbeResult.misconfigured(message, "check the database name in the url");
        }
        if (state.equals("08P01")) {
            return ProbeResult.misconfigured(message, "check that the url's host and port are the database's");
        }
        if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                || e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return ProbeResult.unavailable(message);
        }
        return ProbeResult.misconfigured(message, "check the system's url, user and password");
    }

    /**
     * PostgreSQL writes {@code FATAL: password authentication failed ...}, MariaDB Connector/J
     * {@code (conn=12) Access denied ...}: the severity and the connection's number say nothing to a user.
     */
    private static String withoutSeverity(String message) {
        String text = message == null ? "the database refused the connection" : message;
        return text.replaceFirst("^(FATAL|ERROR|PANIC):\\s+", "").replaceFirst("^\\(conn=\\d+\\)\\s+", "")
                .replaceFirst("^the init SQL failed: (FATAL|ERROR):\\s+", "the init SQL failed: ");
    }
}
