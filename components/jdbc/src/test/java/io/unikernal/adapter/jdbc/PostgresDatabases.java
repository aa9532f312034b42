package io.unikernal.adapter.jdbc;

import io.unikernal.testkit.server.PrivatePostgres;
import io.unikernal.testkit.server.RestartableServer;
import java.util.Optional;

/** PostgreSQL for the postgres adapter: the machine's server (its defaults), or a private one the test restarts. */
final class PostgresDatabases {

    private PostgresDatabases() {
    }

    /** The machine's PostgreSQL on 5432, declared with the adapter's defaults alone. */
    static Database machine() {
        return new Database() {
            @Override
            public String url() {
                return "jdbc:postgresql://127.0.0.1:5432/postgres";
            }

            @Override
            public String user() {
                return "postgres";
            }

            @Override
            public String system() {
                return "{adapter: postgres}";
            }
        };
    }

    /** A private PostgreSQL ({@link PrivatePostgres}) on a free port. */
    static Database launch() {
        PrivatePostgres postgres = PrivatePostgres.launch();
        return new Database() {
            @Override
            public String url() {
                return postgres.jdbcUrl();
            }

            @Override
            public String user() {
                return "postgres";
            }

            @Override
            public String system() {
                return "{adapter: postgres, url: \"" + postgres.jdbcUrl() + "\"}";
            }

            @Override
            public Optional<RestartableServer> server() {
                return Optional.of(postgres);
            }

            @Override
            public void close() {
                postgres.close();
            }
        };
    }
}
