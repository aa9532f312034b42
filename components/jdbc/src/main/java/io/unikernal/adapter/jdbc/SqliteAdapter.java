package io.unikernal.adapter.jdbc;

/** {@code sqlite}: the jdbc adapter on an SQLite database file (xerial sqlite-jdbc); no server. */
public final class SqliteAdapter extends JdbcAdapter {

    public SqliteAdapter() {
        super(JdbcDatabase.SQLITE);
    }
}
