package io.unikernal.adapter.jdbc;

import io.unikernal.testkit.server.PrivatePostgres;

/** PostgreSQL for the postgres adapter: the machine's server (its defaults), or a private one the test restarts. */
final class PostgresDatabases {

    private PostgresDatabases() {
    }

    /** The machine's PostgreSQL on 5432, declared with the adapter's defaults alone. */
    static Database machine() {
        return Database.of("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "{adapter: postgres}");
    }

    /** A private PostgreSQL ({@link PrivatePostgres}) on a free port. */
    static Database launch() {
        PrivatePostgres postgres = PrivatePostgres.launch();
        return Database.onServer(postgres.jdbcUrl(), "postgres", "{adapter: postgres, url: \"" + postgres.jdbcUrl()
                + "\"}", postgres, postgres::close);
    }
}
