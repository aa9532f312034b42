package io.unikernal.etl.jdbc;

import io.unikernal.etl.kinds.PipelineEnd;
import io.unikernal.etl.kinds.TableKeys;
import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.section.SectionCompilation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every database target compiles to: its factory bean with the system's pool, the checkpoint store in the same
 * database (so a batch and its checkpoint commit in one transaction), and the table keys.
 */
public final class TableTargets {

    private TableTargets() {
    }

    /** Adds the target's bean of class {@code factory} and returns its name. */
    public static String compile(PipelineEnd target, SectionCompilation compilation, Class<?> factory) {
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
}
