package io.unikernal.adapter.jdbc;

import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.udl.model.SystemDecl;
import java.util.Set;

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

    @Override
    protected String defaultUser() {
        return "postgres";
    }

    /** Always a server: never the embedded default store. */
    @Override
    protected Set<Capability> keyStoreCapabilities() {
        return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START);
    }
}
