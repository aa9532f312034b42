package io.unikernal.adapter.jdbc;

import io.unikernal.testkit.server.PrivateMariaDb;
import io.unikernal.testkit.server.RestartableServer;
import java.util.Optional;

/** MariaDB for the mariadb adapter: the machine's server (its defaults), or a private one the test restarts. */
final class MariaDbDatabases {

    /** The machine's MariaDB on 3306: user root without a password, database test. */
    static final String MACHINE = "jdbc:mariadb://127.0.0.1:3306/test";

    private MariaDbDatabases() {
    }

    /** The machine's MariaDB, declared with the adapter's defaults alone. */
    static Database machine() {
        return new Database() {
            @Override
            public String url() {
                return MACHINE;
            }

            @Override
            public String user() {
                return "root";
            }

            @Override
            public String system() {
                return "{adapter: mariadb}";
            }
        };
    }

    /** A private MariaDB ({@link PrivateMariaDb}) on a free port. */
    static Database launch() {
        PrivateMariaDb mariadb = PrivateMariaDb.launch();
        return new Database() {
            @Override
            public String url() {
                return mariadb.jdbcUrl();
            }

            @Override
            public String user() {
                return mariadb.user();
            }

            @Override
            public String system() {
                return "{adapter: mariadb, url: \"" + mariadb.jdbcUrl() + "\"}";
            }

            @Override
            public Optional<RestartableServer> server() {
                return Optional.of(mariadb);
            }

            @Override
            public void close() {
                mariadb.close();
            }
        };
    }
}
