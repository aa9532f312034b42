package io.unikernal.adapter.jdbc;

import io.unikernal.adapter.CompileContext;
import io.unikernal.udl.model.SystemDecl;

/** {@code postgres}: the jdbc adapter with PostgreSQL defaults (loopback server, user postgres). */
public final class PostgresAdapter extends JdbcAdapter {

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String description() {
        return "Runs SQL on PostgreSQL (Camel sql, HikariCP); defaults to jdbc:postgresql://127.0.0.1:5432/postgres.";
    }

    @Override
    protected String defaultUrl(SystemDecl system, CompileContext ctx) {
        return "jdbc:postgresql://127.0.0.1:5432/postgres";
    }

    @Override
    protected String defaultUser() {
        return "postgres";
    }
}
