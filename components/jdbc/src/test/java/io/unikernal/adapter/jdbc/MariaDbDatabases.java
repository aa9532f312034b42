package io.unikernal.adapter.jdbc;

import io.unikernal.testkit.server.PrivateMariaDb;

/** MariaDB for the mariadb adapter: the machine's server (its defaults), or a private one the test restarts. */
final class MariaDbDatabases {

    /** The machine's MariaDB on 3306: user root without a password, database test. */
    static final String MACHINE = "jdbc:mariadb://127.0.0.1:3306/test";

    private MariaDbDatabases() {
    }

    /** The machine's MariaDB, declared with the adapter's defaults alone. */
    static Database machine() {
        return Database.of(MACHINE, "root", "{adapter: mariadb}");
    }

    /** A private MariaDB ({@link PrivateMariaDb}) on a free port. */
    static Database launch() {
        PrivateMariaDb mariadb = PrivateMariaDb.launch();
        return Database.onServer(mariadb.jdbcUrl(), mariadb.user(), "{adapter: mariadb, url: \"" + mariadb.jdbcUrl()
                + "\"}", mariadb, mariadb::close);
    }
}
