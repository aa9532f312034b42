package io.unikernal.adapter.jdbc;

/** {@code postgres}: the jdbc adapter with PostgreSQL defaults (loopback server, user postgres). */
public final class PostgresAdapter extends JdbcAdapter {

    public PostgresAdapter() {
        super(JdbcDatabase.POSTGRESQL);
    }
}
