package io.unikernal.adapter.jdbc;

import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.udl.model.SystemDecl;

/** {@code postgres}: the jdbc adapter with PostgreSQL defaults (loopback server, user postgres). */
public final class PostgresAdapter extends JdbcAdapter {

    private static final AdapterInfo INFO = new AdapterInfo("postgres",
            "Runs SQL on PostgreSQL (Camel sql, HikariCP); defaults to jdbc:postgresql://127.0.0.1:5432/postgres.",
            "io.unikernal:unikernal-components-jdbc");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    protected String defaultUrl(SystemDecl system, CompileContext ctx) {
        return "jdbc:postgresql://127.0.0.1:5432/postgres";
    }

    /** Without a url a postgres system is the local server, not an embedded database. */
    @Override
    protected boolean embeddedByDefault() {
        return false;
    }

    @Override
    protected String defaultUser() {
        return "postgres";
    }
}
