package io.unikernal.etl.postgres;

import io.unikernal.etl.jdbc.DatabaseTargetKind;

/**
 * A table of a postgres system: loaded through COPY into a staging table, then inserted or upserted, each batch in
 * one transaction with its checkpoint (docs/etl.md, Loading).
 */
public final class PostgresTargetKind extends DatabaseTargetKind {

    public PostgresTargetKind() {
        super("postgres", "a PostgreSQL table, loaded through COPY into a staging table and merged (insert or upsert),"
                + " each batch committed with its checkpoint", PostgresTarget.class);
    }
}
