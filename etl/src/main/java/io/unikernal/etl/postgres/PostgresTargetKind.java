package io.unikernal.etl.postgres;

import io.unikernal.etl.kinds.PipelineEnd;
import io.unikernal.etl.kinds.PipelineTargetKind;
import io.unikernal.etl.jdbc.TableTargets;
import io.unikernal.etl.kinds.TableKeys;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.spec.UdlKey;
import java.util.List;

/**
 * A table of a postgres system: loaded through COPY into a staging table, then inserted or upserted, each batch in
 * one transaction with its checkpoint (docs/etl.md, Loading).
 */
public final class PostgresTargetKind implements PipelineTargetKind {

    @Override
    public String adapter() {
        return "postgres";
    }

    @Override
    public String description() {
        return "a PostgreSQL table, loaded through COPY into a staging table and merged (insert or upsert), each"
                + " batch committed with its checkpoint";
    }

    @Override
    public List<UdlKey> keys() {
        return List.of(TableKeys.TABLE.key(), TableKeys.MODE.key(), TableKeys.KEY.key());
    }

    @Override
    public void check(PipelineEnd target, SectionChecks checks) {
        TableKeys.checkUpsert(target, checks);
    }

    @Override
    public String compile(PipelineEnd target, SectionCompilation compilation) {
        return TableTargets.compile(target, compilation, PostgresTarget.class);
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(TableKeys.UPSERT_WITHOUT_KEY);
    }
}
