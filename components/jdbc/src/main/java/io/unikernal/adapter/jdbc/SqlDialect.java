package io.unikernal.adapter.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The SQL that differs between the databases the jdbc adapters reach, told by the connection's product name (the
 * stores) or by the system's URL (statements compiled ahead of time). Everything else is standard SQL that all of
 * them run.
 */
public enum SqlDialect {
    H2, POSTGRESQL, MARIADB, SQLITE, OTHER;

    /** The database a connection is to, by its product name. */
    public static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return switch (product) {
            case "h2" -> H2;
            case "postgresql" -> POSTGRESQL;
            case "mariadb", "mysql" -> MARIADB;
            case "sqlite" -> SQLITE;
            default -> OTHER;
        };
    }

    /** The database a JDBC URL names, by its scheme; {@link #OTHER} for a scheme (or a placeholder) not known here. */
    public static SqlDialect ofUrl(String url) {
        String scheme = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (scheme.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (scheme.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (scheme.startsWith("jdbc:mariadb:") || scheme.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        return scheme.startsWith("jdbc:sqlite:") ? SQLITE : OTHER;
    }

    /**
     * An INSERT that inserts nothing (and reports 0 rows) for a duplicate key, where the database says so in SQL:
     * PostgreSQL and SQLite {@code ON CONFLICT DO NOTHING}. Elsewhere the insert as it is: its unique violation
     * (SQLState class 23) is the answer "duplicate" — no error, nor a server log line, per duplicate where it can.
     * SQLite must: its driver sends no SQLState.
     */
    String insertOrNothing(String insert) {
        return this == POSTGRESQL || this == SQLITE ? insert + " ON CONFLICT DO NOTHING" : insert;
    }
}
