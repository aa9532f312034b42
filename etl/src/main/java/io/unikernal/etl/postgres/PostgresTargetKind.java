package io.unikernal.etl.postgres;

import io.unikernal.etl.kinds.PipelineEnd;
import io.unikernal.etl.kinds.PipelineTargetKind;
import io.unikernal.etl.kinds.TableKeys;
import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.spec.UdlKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        CompileContext ctx = compilation.context();
        String checkpoints = Adapters.installed().get(target.adapter()).checkpointStore().orElseThrow()
                .checkpointStore(target.system(), target.namespace(), ctx);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("dataSource", "#bean:" + ctx.systemBean(target.system()));
        properties.put("checkpoints", "#bean:" + checkpoints);
        properties.put("system", target.system().name());
        properties.put("table", target.read(TableKeys.TABLE));
        properties.put("mode", target.read(TableKeys.MODE));
        String key = target.read(TableKeys.KEY);
        if (key != null) {
            properties.put("key", key);
        }
        String name = ctx.uniqueName("pipeline-" + target.pipeline() + "-target");
        ctx.addBean(name, PostgresTarget.class, properties);
        return name;
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(TableKeys.UPSERT_WITHOUT_KEY);
    }
}
