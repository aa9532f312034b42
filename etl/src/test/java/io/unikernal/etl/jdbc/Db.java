package io.unikernal.etl.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A database the ETL's JDBC sources and targets are tested against: the machine's PostgreSQL and MariaDB (tables
 * unique per run, dropped after), an SQLite file, an embedded H2 database.
 */
public enum Db {
    POSTGRESQL, MARIADB, SQLITE, H2;

    /** The URL of this database; SQLite's file and H2's in-memory name under/for {@code dir}. */
    public String url(Path dir) {
        return switch (this) {
            case POSTGRESQL -> "jdbc:postgresql://127.0.0.1:5432/test";
            case MARIADB -> "jdbc:mariadb://127.0.0.1:3306/test";
            case SQLITE -> "jdbc:sqlite:" + dir.resolve("etl.db");
            case H2 -> "jdbc:h2:" + dir.resolve("etl-h2") + ";DATABASE_TO_LOWER=TRUE";
        };
    }

    public String user() {
        return switch (this) {
            case POSTGRESQL -> "postgres";
            case MARIADB -> "root";
            case SQLITE -> null;
            case H2 -> "sa";
        };
    }

    /** A pool on this database, as the adapters build it (SQLite: WAL, a 10 s busy timeout). */
    public HikariDataSource pool(Path dir) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url(dir));
        pool.setUsername(user());
        pool.setMaximumPoolSize(4);
        if (this == SQLITE) {
            pool.addDataSourceProperty("busy_timeout", "10000");
            pool.addDataSourceProperty("journal_mode", "WAL");
        }
        return pool;
    }

    /** The SQL type of a decimal with these digits, of a date, a timestamp (each database's name). */
    public String timestamp() {
        return this == MARIADB ? "datetime(6)" : "timestamp";
    }

    /** Tables made by one test, dropped with their checkpoints at the end. */
    public static final class Tables implements AutoCloseable {
        private final HikariDataSource pool;
        private final List<String> made = new ArrayList<>();
        private final List<String> namespaces = new ArrayList<>();

        public Tables(HikariDataSource pool) {
            this.pool = pool;
        }

        public HikariDataSource pool() {
            return pool;
        }

        public String create(String prefix, String columns) throws SQLException {
            String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
            execute("CREATE TABLE " + name + " (" + columns + ")");
            made.add(name);
            return name;
        }

        public String namespace(String prefix) {
            String name = prefix + Long.toString(System.nanoTime(), 36) + "/p";
            namespaces.add(name);
            return name;
        }

        public void execute(String sql) throws SQLException {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        public List<List<String>> rows(String sql) throws SQLException {
            List<List<String>> rows = new ArrayList<>();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.add(r.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }

        @Override
        public void close() throws SQLException {
            for (String table : made) {
                execute("DROP TABLE IF EXISTS " + table);
            }
            for (String namespace : namespaces) {
                try {
                    execute("DELETE FROM UNIKERNAL_CHECKPOINT WHERE namespace = '" + namespace + "'");
                } catch (SQLException e) {
                    // no checkpoint table: nothing was committed
                }
            }
            pool.close();
        }
    }
}
