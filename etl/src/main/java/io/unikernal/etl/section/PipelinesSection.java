package io.unikernal.etl.section;

import io.unikernal.etl.kinds.PipelineEnd;
import io.unikernal.etl.kinds.PipelineSourceKind;
import io.unikernal.etl.kinds.PipelineTargetKind;
import io.unikernal.etl.run.PipelineRunner;
import io.unikernal.etl.transform.SecondSources;
import io.unikernal.etl.transform.TransformChain;
import io.unikernal.etl.transform.TransformSteps;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.spi.section.SectionKind;
import io.unikernal.spi.step.StepInput;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.spec.UdlKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.RouteDefinition;

/**
 * {@code pipelines:} (ETL): each item reads a source, hands its records through transform steps and writes them into
 * a target in batches, each batch committed together with its checkpoint. The section checks what every pipeline
 * shares (a unique name, a Quartz schedule, a source and a target whose adapter an installed kind serves, only the
 * keys that kind takes) and hands each end to its kind. A pipeline compiles to a route — from a Quartz trigger, or
 * from {@code direct:pipeline-<name>} when it has no schedule — whose one step is the pipeline's runner bean, with
 * the source's and target's beans as its properties, so the compiled YAML runs it as the in-process app does.
 */
public final class PipelinesSection implements SectionKind<PipelinesSection.Pipelines> {

    /** The model of the section. */
    public record Pipelines(List<Pipeline> items) {

        public Optional<Pipeline> named(String name) {
            return items.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

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
            Optional<StepInput> source = item.get(PipelinesSpec.SOURCE).filter(StepInput::isMap);
            Optional<StepInput> target = item.get(PipelinesSpec.TARGET).filter(StepInput::isMap);
            String name = item.read(PipelinesSpec.NAME);
            if (!item.isMap() || name == null || source.isEmpty() || target.isEmpty()) {
                continue; // the shape check reported it
            }
            Optional<StepInput> batch = item.get(PipelinesSpec.BATCH).filter(StepInput::isMap);
            Optional<StepInput> rejects = item.get(PipelinesSpec.REJECTS).filter(StepInput::isMap);
            SourcePos schedulePos = item.get(PipelinesSpec.SCHEDULE.name()).map(StepInput::pos).orElse(item.pos());
            items.add(new Pipeline(name, item.read(PipelinesSpec.SCHEDULE), schedulePos,
                    item.read(PipelinesSpec.STREAM), item.read(PipelinesSpec.BACKFILL), source.get(),
                    item.get(TransformSteps.KEY).filter(StepInput::isList).orElse(null), target.get(),
                    batch.map(b -> b.read(PipelinesSpec.ROWS)).orElse(PipelinesSpec.ROWS.defaultValue()),
                    batch.map(b -> b.read(PipelinesSpec.BYTES)).orElse(PipelinesSpec.BYTES.defaultValue()),
                    batch.map(b -> b.read(PipelinesSpec.TIME)).orElse(PipelinesSpec.TIME.defaultValue()),
                    rejects.map(r -> r.read(PipelinesSpec.REJECT_PATH)).orElse(null),
                    rejects.map(r -> r.read(PipelinesSpec.THRESHOLD)).orElse(PipelinesSpec.THRESHOLD.defaultValue()),
                    item.pos(), item));
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
            Ends.source(pipeline, checks.document(), checks).ifPresent(end -> {
                PipelineSourceKind kind = PipelinesSpec.KINDS.source(end.adapter()).orElseThrow();
                if (checkKeys(end, "source", kind.keys(), kind.readsFormats(), checks)) {
                    kind.check(end, checks);
                }
                checkStream(pipeline, end, kind, checks);
            });
            if (pipeline.transform() != null) {
                TransformSteps.check(pipeline.transform(), pipeline.stream(), checks, secondSources(pipeline,
                        checks.document()));
            }
            Ends.target(pipeline, checks.document(), checks).ifPresent(end -> {
                PipelineTargetKind kind = PipelinesSpec.KINDS.target(end.adapter()).orElseThrow();
                if (checkKeys(end, "target", kind.keys(), kind.writesFormats(), checks)) {
                    kind.check(end, checks);
                }
            });
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

    private static void checkStream(Pipeline pipeline, PipelineEnd source, PipelineSourceKind kind,
            SectionChecks checks) {
        SourcePos at = pipeline.input().keyPos(PipelinesSpec.STREAM.name());
        if (pipeline.stream() && !kind.streams()) {
            checks.problems().error(PipelinesSpec.BAD_STREAM, at, "pipeline " + pipeline.name() + " streams "
                    + source.describe() + ", which cannot be read as a stream", "streaming sources: " + String.join(
                            ", ", PipelinesSpec.KINDS.sources().stream().filter(PipelineSourceKind::streams)
                                    .map(PipelineSourceKind::adapter).toList()) + "; or remove stream: true");
        }
        if (pipeline.stream() && pipeline.schedule() != null) {
            checks.problems().error(PipelinesSpec.BAD_STREAM, at, "pipeline " + pipeline.name() + " streams and"
                    + " has a schedule", "a stream runs from the app's start until it stops: remove schedule:");
        }
        if (pipeline.backfill() && !pipeline.stream()) {
            checks.problems().error(PipelinesSpec.BAD_STREAM, pipeline.input().keyPos(PipelinesSpec.BACKFILL
                    .name()), "pipeline " + pipeline.name() + " has backfill: true without stream: true", "a"
                    + " backfill is what a hybrid pipeline reads before it streams: add stream: true, or remove it");
        }
    }

    /**
     * The end writes only keys its kind takes (or, for a kind of files, {@code format} and the formats' keys), and
     * every key the kind requires. True when the kind's own checks can run.
     */
    private static boolean checkKeys(PipelineEnd end, String role, List<UdlKey> own, boolean formats,
            SectionChecks checks) {
        Set<String> takes = new LinkedHashSet<>();
        own.forEach(k -> takes.add(k.name()));
        if (formats) {
            takes.add(PipelinesSpec.FORMAT.name());
            PipelinesSpec.KINDS.formatKeys().forEach(k -> takes.add(k.name()));
        }
        Set<String> known = new LinkedHashSet<>();
        (role.equals("source") ? PipelinesSpec.SOURCE_KEYS : PipelinesSpec.TARGET_KEYS).forEach(k -> known.add(
                k.name()));
        boolean fine = true;
        for (String key : end.input().keys()) {
            if (PipelinesSpec.reserved(key) && !key.equals(PipelinesSpec.FORMAT.name()) || takes.contains(key)
                    || !known.contains(key)) {
                continue; // system/adapter, a key of the kind, or an unknown key the shape check reported
            }
            fine = false;
            checks.problems().error(PipelinesSpec.NOT_OF_KIND, end.input().keyPos(key), "a " + end.adapter() + " "
                    + role + " takes no key '" + key + "'", "the keys of a " + end.adapter() + " " + role + ": "
                    + String.join(", ", takes));
        }
        for (UdlKey key : own) {
            if (key.required() && end.get(key.name()).isEmpty()) {
                fine = false;
                checks.problems().add(UdlMessages.missingKey(end.input().pos(), "a " + end.adapter() + " " + role,
                        key.name(), key.description(), key.example()));
            }
        }
        return fine;
    }

    @Override
    public void compile(Pipelines section, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        for (Pipeline pipeline : section.items()) {
            PipelineEnd source = Ends.source(pipeline, ctx.document(), null).orElseThrow();
            PipelineEnd target = Ends.target(pipeline, ctx.document(), null).orElseThrow();
            String sourceBean = PipelinesSpec.KINDS.source(source.adapter()).orElseThrow().compile(source,
                    compilation);
            String targetBean = PipelinesSpec.KINDS.target(target.adapter()).orElseThrow().compile(target,
                    compilation);
            String runner = ctx.uniqueName(pipeline.routeId() + "-runner");
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("pipeline", pipeline.name());
            properties.put("source", "#bean:" + sourceBean);
            properties.put("target", "#bean:" + targetBean);
            properties.put("mode", pipeline.mode());
            if (pipeline.transform() != null) {
                String chain = ctx.uniqueName(pipeline.routeId() + "-transform");
                ctx.addBean(chain, TransformChain.class, Map.of("steps", TransformSteps.compile(
                        pipeline.transform(), pipeline.name(), compilation, secondSources(pipeline,
                                ctx.document()))));
                properties.put("transform", "#bean:" + chain);
            }
            properties.put("batchRows", String.valueOf(pipeline.batchRows()));
            properties.put("batchTime", pipeline.batchTime().toString());
            properties.put("batchBytes", String.valueOf(pipeline.batchBytes()));
            properties.put("rejectFile", rejectFile(pipeline, ctx).toString());
            properties.put("rejectThreshold", String.valueOf(pipeline.rejectThreshold()));
            ctx.addBean(runner, PipelineRunner.class, properties);

            RouteDefinition route = new RouteDefinition();
            route.routeId(pipeline.routeId());
            route.from(pipeline.stream() ? EndpointUri.of("timer", pipeline.routeId()).param("repeatCount", 1)
                    .param("delay", 0).toString()
                    // a stream runs from the app's start until it stops
                    : pipeline.schedule() == null ? "direct:" + pipeline.routeId()
                    // stateful: a run that outlasts its interval delays the next trigger instead of overlapping it
                    // Quartz's URI form of a cron: '+' for each space (camel-quartz's documented spelling)
                    : EndpointUri.of("quartz", "unikernal-etl/" + pipeline.name())
                            .param("cron", pipeline.schedule().trim().replaceAll("\\s+", "+"))
                            .param("stateful", true).toString());
            route.process(runner);
            compilation.addRoute(route);
        }
    }

    /** A join's {@code with:}, resolved, checked and compiled as the pipeline's own source is. */
    private static SecondSources secondSources(Pipeline pipeline, UdlDocument document) {
        return new SecondSources() {
            @Override
            public void check(StepInput with, SectionChecks checks) {
                Ends.joined(pipeline, with, document, checks).ifPresent(end -> {
                    PipelineSourceKind kind = PipelinesSpec.KINDS.source(end.adapter()).orElseThrow();
                    if (checkKeys(end, "source", kind.keys(), kind.readsFormats(), checks)) {
                        kind.check(end, checks);
                    }
                });
            }

            @Override
            public String compile(StepInput with, SectionCompilation compilation) {
                PipelineEnd end = Ends.joined(pipeline, with, document, null).orElseThrow();
                return PipelinesSpec.KINDS.source(end.adapter()).orElseThrow().compile(end, compilation);
            }
        };
    }

    private static Path rejectFile(Pipeline pipeline, CompileContext ctx) {
        String path = pipeline.rejectPath() != null ? pipeline.rejectPath() : pipeline.name() + ".rejects.jsonl";
        return ctx.baseDir().resolve(path).toAbsolutePath().normalize();
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return PipelinesSpec.CODES;
    }

    /** A pipeline's source and target resolved against the document: their system, adapter and kind. */
    static final class Ends {

        private Ends() {
        }

        /** The source, when its system and kind are known; problems reported when {@code checks} is given. */
        static Optional<PipelineEnd> source(Pipeline pipeline, UdlDocument document, SectionChecks checks) {
            return resolve(pipeline, pipeline.source(), "source", "reads", document, checks,
                    PipelinesSpec.KINDS.sourceAdapters(), PipelinesSpec.KINDS.sources().stream()
                            .filter(PipelineSourceKind::inline).map(PipelineSourceKind::adapter).toList(),
                    PipelinesSpec.BAD_SOURCE);
        }

        /** A join's second source, as a source: is. */
        static Optional<PipelineEnd> joined(Pipeline pipeline, StepInput with, UdlDocument document,
                SectionChecks checks) {
            return resolve(pipeline, with, "join source", "joins", document, checks,
                    PipelinesSpec.KINDS.sourceAdapters(), PipelinesSpec.KINDS.sources().stream()
                            .filter(PipelineSourceKind::inline).map(PipelineSourceKind::adapter).toList(),
                    PipelinesSpec.BAD_JOIN_SOURCE);
        }

        static Optional<PipelineEnd> target(Pipeline pipeline, UdlDocument document, SectionChecks checks) {
            return resolve(pipeline, pipeline.target(), "target", "loads into", document, checks,
                    PipelinesSpec.KINDS.targetAdapters(), PipelinesSpec.KINDS.targets().stream()
                            .filter(PipelineTargetKind::inline).map(PipelineTargetKind::adapter).toList(),
                    PipelinesSpec.BAD_TARGET);
        }

        private static Optional<PipelineEnd> resolve(Pipeline pipeline, StepInput input, String role, String verb,
                UdlDocument document, SectionChecks checks, List<String> adapters, List<String> inline,
                ProblemCode code) {
            Optional<StepInput> system = input.get(PipelinesSpec.SYSTEM.name());
            Optional<StepInput> adapter = input.get("adapter");
            String namespace = document.name() + "/" + pipeline.name();
            if (system.isPresent() == adapter.isPresent()) {
                report(checks, code, input.pos(), "pipeline " + pipeline.name() + "'s " + role + " names "
                        + (system.isEmpty() ? "neither a system nor an adapter" : "both a system and an adapter"),
                        "write {system: <a system of adapter " + String.join(" | ", adapters) + ">, ...}"
                                + (inline.isEmpty() ? "" : " or {adapter: " + String.join(" | ", inline)
                                        + ", ...} inline"));
                return Optional.empty();
            }
            if (adapter.isPresent()) {
                String name = adapter.get().text();
                if (!inline.contains(name)) {
                    if (inline.isEmpty()) { // else the shape check reported the value
                        report(checks, code, adapter.get().pos(), "no pipeline " + role + " is declared inline",
                                "declare a system under systems: and write {system: <its name>, ...}");
                    }
                    return Optional.empty();
                }
                return Optional.of(new PipelineEnd(pipeline.name(), namespace, null, name, input,
                        adapter.get().pos()));
            }
            SystemDecl decl = document.system(system.get().text());
            if (decl == null) {
                if (checks != null) {
                    checks.problems().add(UdlMessages.unknownSystem(system.get().pos(), system.get().text(),
                            document.systems().keySet()));
                }
                return Optional.empty();
            }
            if (!adapters.contains(decl.adapter())) {
                report(checks, code, system.get().pos(), "pipeline " + pipeline.name() + " " + verb + " system "
                        + decl.name() + " (adapter " + decl.adapter() + "), which is no " + String.join(" or ",
                                adapters) + " system", "a pipeline's " + role + " is a system of adapter " + String.join(
                                        ", ", adapters) + "; docs/etl.md lists the " + role + "s not done yet");
                return Optional.empty();
            }
            return Optional.of(new PipelineEnd(pipeline.name(), namespace, decl, decl.adapter(), input,
                    system.get().pos()));
        }

        private static void report(SectionChecks checks, ProblemCode code, SourcePos pos, String message,
                String hint) {
            if (checks != null) {
                checks.problems().error(code, pos, message, hint);
            }
        }
    }
}
