package io.unikernal.etl.jdbc;

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
 * A table of a database system as a pipeline's target: the keys {@code table}, {@code mode}, {@code key}, the upsert's
 * check, and the factory bean it compiles to. For mariadb, sqlite and jdbc (H2 by default) systems a
 * {@link JdbcTarget} (batches of prepared statements, multi-row on MariaDB); the postgres kind loads through COPY.
 */
public abstract class DatabaseTargetKind implements PipelineTargetKind {

    private final String adapter;
    private final String description;
    private final Class<? extends TableTargetFactory> factory;

    /** @param factory the bean class a target compiles to */
    protected DatabaseTargetKind(String adapter, String description, Class<? extends TableTargetFactory> factory) {
        this.adapter = adapter;
        this.description = description;
        this.factory = factory;
    }

    private DatabaseTargetKind(String adapter, String how) {
        this(adapter, "a table, written by " + how + " (insert or upsert), each batch committed with its checkpoint in"
                + " the same transaction", JdbcTableTarget.class);
    }

    @Override
    public String adapter() {
        return adapter;
    }

    @Override
    public String description() {
        return description;
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
        ctx.addBean(name, factory, properties);
        return name;
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(TableKeys.UPSERT_WITHOUT_KEY);
    }

    /** MariaDB/MySQL. */
    public static final class MariaDb extends DatabaseTargetKind {
        public MariaDb() {
            super("mariadb", "multi-row INSERT statements of up to 1000 rows");
        }
    }

    /** SQLite. */
    public static final class Sqlite extends DatabaseTargetKind {
        public Sqlite() {
            super("sqlite", "a JDBC batch of prepared statements");
        }
    }

    /** jdbc: H2 embedded by default, or any database the jdbc adapter's URL names. */
    public static final class Jdbc extends DatabaseTargetKind {
        public Jdbc() {
            super("jdbc", "a JDBC batch of prepared statements");
        }
    }
}
