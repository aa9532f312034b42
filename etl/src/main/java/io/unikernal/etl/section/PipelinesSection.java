package io.unikernal.etl.section;

import io.unikernal.etl.run.PipelineRunner;
import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.spi.section.SectionKind;
import io.unikernal.spi.step.StepInput;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.UdlKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.RouteDefinition;

/**
 * {@code pipelines:} (ETL): each item reads a file, types its rows by the target table's columns and loads them in
 * batches, each batch committed together with its checkpoint. A pipeline compiles to a route — from a Quartz
 * trigger, or from {@code direct:pipeline-<name>} when it has no schedule — whose one step is the pipeline's runner
 * bean, so the compiled YAML runs it as the in-process app does.
 */
public final class PipelinesSection implements SectionKind<PipelinesSection.Pipelines> {

    /** The model of the section. */
    public record Pipelines(List<Pipeline> items) {

        public Optional<Pipeline> named(String name) {
            return items.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    /** The adapters a pipeline reads from and loads into. */
    static final String FILE_ADAPTER = "file";
    static final String POSTGRES_ADAPTER = "postgres";
    /** The file adapter's folder option: a source system's path is under it. */
    static final String DIRECTORY = "directory";

    private final PipelinesSpec spec = new PipelinesSpec();

    @Override
    public UdlKey key() {
        return spec.key();
    }

    @Override
    public Class<Pipelines> modelType() {
        return Pipelines.class;
    }

    @Override
    public Pipelines bind(StepInput input) {
        List<Pipeline> items = new ArrayList<>();
        for (StepInput item : input.items()) {
            Optional<StepInput> source = item.get(PipelinesSpec.SOURCE);
            Optional<StepInput> target = item.get(PipelinesSpec.TARGET);
            String name = item.read(PipelinesSpec.NAME);
            if (!item.isMap() || name == null || source.isEmpty() || !source.get().isMap() || target.isEmpty()
                    || !target.get().isMap()) {
                continue; // the shape check reported it
            }
            String path = source.get().read(PipelinesSpec.PATH);
            Object targetSystem = target.get().read(PipelinesSpec.TARGET_SYSTEM);
            String table = target.get().read(PipelinesSpec.TABLE);
            if (path == null || targetSystem == null || table == null) {
                continue;
            }
            Object sourceSystem = source.get().read(PipelinesSpec.SYSTEM);
            Optional<StepInput> batch = item.get(PipelinesSpec.BATCH).filter(StepInput::isMap);
            Optional<StepInput> rejects = item.get(PipelinesSpec.REJECTS).filter(StepInput::isMap);
            SourcePos schedulePos = item.get(PipelinesSpec.SCHEDULE.name()).map(StepInput::pos).orElse(item.pos());
            items.add(new Pipeline(name, item.read(PipelinesSpec.SCHEDULE), schedulePos,
                    sourceSystem == null ? null : String.valueOf(sourceSystem),
                    source.get().get(PipelinesSpec.ADAPTER.name()).map(StepInput::text).orElse(null), path,
                    source.get().get(PipelinesSpec.SYSTEM.name()).map(StepInput::pos).orElse(source.get().pos()),
                    String.valueOf(targetSystem), target.get().get(PipelinesSpec.TARGET_SYSTEM.name())
                            .map(StepInput::pos).orElse(target.get().pos()), table,
                    target.get().read(PipelinesSpec.MODE), target.get().read(PipelinesSpec.KEY),
                    target.get().get(PipelinesSpec.MODE.name()).map(StepInput::pos).orElse(target.get().pos()),
                    batch.map(b -> b.read(PipelinesSpec.ROWS)).orElse(PipelinesSpec.ROWS.defaultValue()),
                    batch.map(b -> b.read(PipelinesSpec.BYTES)).orElse(PipelinesSpec.BYTES.defaultValue()),
                    rejects.map(r -> r.read(PipelinesSpec.REJECT_PATH)).orElse(null),
                    rejects.map(r -> r.read(PipelinesSpec.THRESHOLD)).orElse(PipelinesSpec.THRESHOLD.defaultValue()),
                    item.pos()));
        }
        return new Pipelines(List.copyOf(items));
    }

    @Override
    public void check(Pipelines section, SectionChecks checks) {
        Map<String, SourcePos> names = new HashMap<>();
        for (Pipeline pipeline : section.items()) {
            SourcePos first = names.putIfAbsent(pipeline.name(), pipeline.pos());
            if (first != null) {
                checks.problems().add(UdlMessages.duplicateName(pipeline.pos(), "pipeline", pipeline.name(),
                        first.line()));
            }
            checkSchedule(pipeline, checks);
            checkSource(pipeline, checks);
            checkTarget(pipeline, checks);
        }
    }

    private static void checkSchedule(Pipeline pipeline, SectionChecks checks) {
        String schedule = pipeline.schedule();
        if (schedule == null || QuartzSchedule.valid(schedule)) {
            return;
        }
        Optional<String> quartz = QuartzSchedule.fromUnix(schedule);
        checks.problems().error(PipelinesSpec.BAD_SCHEDULE, pipeline.schedulePos(), quartz.isPresent()
                ? "schedule '" + schedule + "' is a five-field Unix cron; pipelines take Quartz cron expressions,"
                        + " seconds first"
                : "schedule '" + schedule + "' is no Quartz cron expression: " + QuartzSchedule.whyInvalid(schedule),
                quartz.map(q -> "write \"" + q + "\" (the same times in Quartz's fields)")
                        .orElse("Quartz cron has 6 or 7 fields, seconds first, e.g. \"0 0 2 * * ?\" (02:00 daily)"));
    }

    private static void checkSource(Pipeline pipeline, SectionChecks checks) {
        if ((pipeline.sourceSystem() == null) == (pipeline.sourceAdapter() == null)) {
            checks.problems().error(PipelinesSpec.BAD_SOURCE, pipeline.sourcePos(), "pipeline " + pipeline.name()
                    + "'s source names " + (pipeline.sourceSystem() == null ? "neither a system nor an adapter"
                            : "both a system and an adapter"), "write {system: <a file system>, path: ...} or"
                            + " {adapter: file, path: ...}");
            return;
        }
        if (pipeline.sourceSystem() == null) {
            return; // inline: adapter file (the only one allowed), checked by the shape
        }
        SystemDecl system = checks.document().system(pipeline.sourceSystem());
        if (system == null) {
            checks.problems().add(UdlMessages.unknownSystem(pipeline.sourcePos(), pipeline.sourceSystem(),
                    checks.document().systems().keySet()));
        } else if (!FILE_ADAPTER.equals(system.adapter())) {
            checks.problems().error(PipelinesSpec.BAD_SOURCE, pipeline.sourcePos(), "pipeline " + pipeline.name()
                    + " reads system " + system.name() + " (adapter " + system.adapter() + "), which is no file system",
                    "pipelines read files for now: a system of adapter file, or {adapter: file, path: ...} inline");
        }
    }

    private static void checkTarget(Pipeline pipeline, SectionChecks checks) {
        SystemDecl system = checks.document().system(pipeline.targetSystem());
        if (system == null) {
            checks.problems().add(UdlMessages.unknownSystem(pipeline.targetPos(), pipeline.targetSystem(),
                    checks.document().systems().keySet()));
        } else if (!POSTGRES_ADAPTER.equals(system.adapter())) {
            checks.problems().error(PipelinesSpec.BAD_TARGET, pipeline.targetPos(), "pipeline " + pipeline.name()
                    + " loads into system " + system.name() + " (adapter " + system.adapter() + "), which is no"
                    + " postgres system", "pipelines load into PostgreSQL for now (adapter postgres); docs/etl.md"
                    + " lists the targets not done yet");
        }
        if (pipeline.upsert() && pipeline.key() == null) {
            checks.problems().error(PipelinesSpec.UPSERT_WITHOUT_KEY, pipeline.modePos(), "pipeline "
                    + pipeline.name() + " upserts into " + pipeline.table() + " but names no key",
                    "add key: <column> (a primary or unique key of the table), or use mode: insert");
        }
    }

    @Override
    public void compile(Pipelines section, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        Adapters adapters = Adapters.installed();
        for (Pipeline pipeline : section.items()) {
            SystemDecl target = ctx.document().system(pipeline.targetSystem());
            Adapter adapter = adapters.get(target.adapter());
            String namespace = ctx.document().name() + "/" + pipeline.name();
            String checkpoints = adapter.checkpointStore().orElseThrow()
                    .checkpointStore(target, namespace, ctx);
            String runner = ctx.uniqueName(pipeline.routeId() + "-runner");
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("pipeline", pipeline.name());
            properties.put("dataSource", "#bean:" + ctx.systemBean(target));
            properties.put("checkpoints", "#bean:" + checkpoints);
            properties.put("file", sourceFile(pipeline, ctx).toString());
            properties.put("table", pipeline.table());
            properties.put("mode", pipeline.mode());
            if (pipeline.key() != null) {
                properties.put("key", pipeline.key());
            }
            properties.put("batchRows", String.valueOf(pipeline.batchRows()));
            properties.put("batchBytes", String.valueOf(pipeline.batchBytes()));
            properties.put("rejectFile", rejectFile(pipeline, ctx).toString());
            properties.put("rejectThreshold", String.valueOf(pipeline.rejectThreshold()));
            BeanFactoryDefinition<?> bean = new BeanFactoryDefinition<>();
            bean.setName(runner);
            bean.setType(PipelineRunner.class.getName());
            bean.setProperties(new LinkedHashMap<>(properties));
            ctx.addBean(bean);

            RouteDefinition route = new RouteDefinition();
            route.routeId(pipeline.routeId());
            route.from(pipeline.schedule() == null ? "direct:" + pipeline.routeId()
                    // stateful: a run that outlasts its interval delays the next trigger instead of overlapping it
                    // Quartz's URI form of a cron: '+' for each space (camel-quartz's documented spelling)
                    : EndpointUri.of("quartz", "unikernal-etl/" + pipeline.name())
                            .param("cron", pipeline.schedule().trim().replaceAll("\\s+", "+"))
                            .param("stateful", true).toString());
            route.process(runner);
            compilation.addRoute(route);
        }
    }

    /** The file read: under the source system's directory, or (inline) relative to the UDL file. */
    private static Path sourceFile(Pipeline pipeline, CompileContext ctx) {
        Path base = ctx.baseDir();
        if (pipeline.sourceSystem() != null) {
            OptionValue directory = ctx.document().system(pipeline.sourceSystem()).option(DIRECTORY);
            if (directory != null) {
                base = base.resolve(directory.asString());
            }
        }
        return base.resolve(pipeline.path()).toAbsolutePath().normalize();
    }

    private static Path rejectFile(Pipeline pipeline, CompileContext ctx) {
        String path = pipeline.rejectPath() != null ? pipeline.rejectPath() : pipeline.name() + ".rejects.jsonl";
        return ctx.baseDir().resolve(path).toAbsolutePath().normalize();
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return PipelinesSpec.CODES;
    }
}
