package io.unikernal.adapter.jdbc;

/**
 * {@code mariadb}: the jdbc adapter with MariaDB Connector/J and MariaDB defaults (loopback server, database test,
 * user root); MySQL servers too.
 */
public final class MariaDbAdapter extends JdbcAdapter {

    public MariaDbAdapter() {
        super(JdbcDatabase.MARIADB);
    }
}
