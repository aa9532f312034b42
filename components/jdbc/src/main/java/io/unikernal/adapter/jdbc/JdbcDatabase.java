package io.unikernal.adapter.jdbc;

import java.util.Map;

/**
 * What one database brings to the jdbc adapters that share {@link JdbcAdapter}'s logic: its adapter's name and
 * summary, the URL and user a system gets when it declares none, driver properties every connection takes, whether
 * it is a server of its own and whether its key store is the embedded default of a route that names none. Each
 * adapter is {@link JdbcAdapter} with one of these; the SQL dialect follows from the URL ({@link SqlDialect}), so a
 * plain {@code jdbc} system on a MariaDB URL upserts as MariaDB does.
 *
 * @param dialect the SQL dialect of a system whose URL does not tell ({@link SqlDialect#ofUrl}); OTHER for jdbc
 * @param defaultUrl the URL when the system declares none; {@code %s} stands for {@code <app>-<system>}
 * @param defaultUser the user when the system declares none; null for a database without login (SQLite)
 */
record JdbcDatabase(String adapter, String summary, String defaultUrl, String urlExample, String defaultUser,
        Map<String, String> driverProperties, boolean server, boolean embeddedKeyStore, SqlDialect dialect) {

    /** What every database does as a source, for the summaries. */
    private static final String POLLED = " As a source: a table or a SELECT polled by a cursor column, each row once"
            + " (the cursor of the last finished row kept in the same database).";

    static final JdbcDatabase H2 = new JdbcDatabase("jdbc",
            "Runs SQL on a relational database (Camel sql, HikariCP); embedded H2 when no url is given."
                    + POLLED,
            "jdbc:h2:mem:%s;DATABASE_TO_LOWER=TRUE", "jdbc:postgresql://127.0.0.1:5432/test", "sa", Map.of(), true,
            true, SqlDialect.OTHER);

    static final JdbcDatabase POSTGRESQL = new JdbcDatabase("postgres",
            "Runs SQL on PostgreSQL (Camel sql, HikariCP); defaults to jdbc:postgresql://127.0.0.1:5432/postgres."
                    + POLLED
                    + " Also LISTEN on a channel, each notification one message: not durable, notifications sent while"
                    + " the app is not listening are lost.",
            "jdbc:postgresql://127.0.0.1:5432/postgres", "jdbc:postgresql://127.0.0.1:5432/test", "postgres",
            Map.of(), true, false, SqlDialect.POSTGRESQL);

    /**
     * MariaDB Connector/J also takes {@code jdbc:mysql:} URLs when they say {@code permitMysqlScheme}. Batches go by
     * its default bulk protocol ({@code useBulkStmts}): {@code rewriteBatchedStatements} rewrites an
     * {@code ON DUPLICATE KEY UPDATE} batch into invalid SQL (Connector/J 3.5.6, seen here), so it is not set.
     */
    static final JdbcDatabase MARIADB = new JdbcDatabase("mariadb",
            "Runs SQL on MariaDB or MySQL (MariaDB Connector/J, Camel sql, HikariCP); defaults to "
                    + "jdbc:mariadb://127.0.0.1:3306/test." + POLLED,
            "jdbc:mariadb://127.0.0.1:3306/test", "jdbc:mariadb://127.0.0.1:3306/shop", "root",
            Map.of(), true, false, SqlDialect.MARIADB);

    /**
     * SQLite in a file (xerial sqlite-jdbc): one writer at a time, so a connection waits up to 10 s for another's
     * write ({@code busy_timeout}) instead of failing at once with SQLITE_BUSY, and the journal is a write-ahead log
     * (readers do not block the writer).
     */
    static final JdbcDatabase SQLITE = new JdbcDatabase("sqlite",
            "Runs SQL on an SQLite database file (xerial sqlite-jdbc, Camel sql, HikariCP); defaults to the file "
                    + "<app>-<system>.db in the working directory." + POLLED,
            "jdbc:sqlite:%s.db", "jdbc:sqlite:data/shop.db", null, Map.of("busy_timeout", "10000",
                    "journal_mode", "WAL"), false, false, SqlDialect.SQLITE);
}
