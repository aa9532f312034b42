package io.unikernal.etl.section;

import io.unikernal.etl.kinds.FileFormats;
import io.unikernal.etl.kinds.PipelineKinds;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.Shape;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.ValueKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The one declaration of {@code pipelines:}: its keys (for the parser, schema and reference) and problem codes. The
 * keys of {@code source:} and {@code target:} beyond {@code system} and {@code adapter} are those the installed
 * source and target kinds and formats declare ({@link PipelineKinds}).
 */
final class PipelinesSpec {

    static final String SOURCE = "source";
    static final String TARGET = "target";
    static final String BATCH = "batch";
    static final String REJECTS = "rejects";

    static final PipelineKinds KINDS = PipelineKinds.installed();

    static final Option<String> NAME = Option.string("name").required()
            .pattern("[A-Za-z][A-Za-z0-9_-]*", "a name of letters, digits, '-' and '_' that starts with a letter")
            .description("The pipeline's name; its route is pipeline-<name>, its checkpoints are kept under"
                    + " <app>/<name>.").example("load-people");
    static final Option<String> SCHEDULE = Option.string("schedule")
            .description("A Quartz cron expression (seconds first: 6 or 7 fields) that starts a run; absent, the"
                    + " pipeline runs on demand (unikernal etl run, or a message to direct:pipeline-<name>).")
            .example("\"0 0 2 * * ?\"");

    static final Option<Object> SYSTEM = Option.of("system", ValueKind.SYSTEM_REF)
            .description("A system declared under systems:; its adapter picks the kind of source or target.")
            .example("db");
    static final Option<String> SOURCE_ADAPTER = adapterOption(KINDS.sources().stream()
            .filter(k -> k.inline()).map(k -> k.adapter()).toList(), "A source declared inline instead of a system:"
            + " its adapter");
    static final Option<String> TARGET_ADAPTER = adapterOption(KINDS.targets().stream()
            .filter(k -> k.inline()).map(k -> k.adapter()).toList(), "A target declared inline instead of a system:"
            + " its adapter");
    static final Option<String> FORMAT = FileFormats.formatOption(KINDS);

    static final Option<Boolean> STREAM = Option.bool("stream").defaultValue(false)
            .description("Read the source as a stream: records keep coming and are committed in batches by rows,"
                    + " bytes or time until the app stops; the route starts with the app.").example("true");
    static final Option<Boolean> BACKFILL = Option.bool("backfill").defaultValue(false)
            .description("With stream: first read what the source holds now as a batch, then stream from the"
                    + " position the batch committed (hybrid: no gap, no overlap).").example("true");

    static final Option<Integer> ROWS = Option.integer("rows").defaultValue(10_000).range(1, 10_000_000)
            .description("A batch ends after this many rows.").example("10000");
    static final Option<Integer> BYTES = Option.integer("bytes").defaultValue(8 * 1024 * 1024)
            .range(1024, 1024 * 1024 * 1024)
            .description("Or once its rows take this many bytes as the target buffers them (what a batch holds in"
                    + " memory).").example("8388608");

    static final Option<java.time.Duration> TIME = Option.duration("time").defaultValue(java.time.Duration
            .ofSeconds(1)).description("A stream's batch also ends once its first record waited this long (or"
                    + " when the source has nothing more for now).").example("1s");

    static final Option<String> REJECT_PATH = Option.string("path")
            .description("The reject file (JSON Lines: reason, row, position), relative to the UDL file; default"
                    + " <pipeline>.rejects.jsonl next to it.").example("rejects/people.jsonl");
    static final Option<Long> THRESHOLD = Option.longInteger("threshold").defaultValue(0L).range(0, Long.MAX_VALUE)
            .description("The most rejected rows a run may have and still succeed (exit code 0).").example("10");

    /** The keys {@code source:} and {@code target:} take, whichever kind: what the shape check accepts. */
    static final List<UdlKey> SOURCE_KEYS = endKeys(SOURCE_ADAPTER, KINDS.sourceKeys(),
            KINDS.sources().stream().anyMatch(k -> k.readsFormats()));
    static final List<UdlKey> TARGET_KEYS = endKeys(TARGET_ADAPTER, KINDS.targetKeys(),
            KINDS.targets().stream().anyMatch(k -> k.writesFormats()));

    static final ProblemCode BAD_SCHEDULE = new PluginProblemCode("ETL", 1,
            "a schedule is no Quartz cron expression");
    static final ProblemCode BAD_SOURCE = new PluginProblemCode("ETL", 2,
            "a pipeline's source is no system or adapter a pipeline can read");
    static final ProblemCode BAD_TARGET = new PluginProblemCode("ETL", 3,
            "a pipeline's target is no system or adapter a pipeline can write");
    static final ProblemCode BAD_STREAM = new PluginProblemCode("ETL", 9,
            "a pipeline's stream settings do not fit its source or schedule");
    static final ProblemCode BAD_JOIN_SOURCE = new PluginProblemCode("ETL", 32,
            "a join's second source is no system or adapter a pipeline can read");
    static final ProblemCode NOT_OF_KIND = new PluginProblemCode("ETL", 6,
            "a source or target has a key its kind does not take, or lacks one it requires");
    static final List<ProblemCode> CODES = codes();

    private final UdlKey key;

    PipelinesSpec() {
        Shape.Struct source = new Shape.Struct("pipeline-source", "source", "What the pipeline reads: a system"
                + " ({system: files, path: ...}) or one declared inline ({adapter: file, path: ...}); the system's"
                + " adapter picks the kind (" + String.join(", ", KINDS.sourceAdapters()) + "), whose keys follow.",
                SOURCE_KEYS, false);
        Shape.Struct target = new Shape.Struct("pipeline-target", "target", "Where records are written: a system"
                + " ({system: db, table: ...}) or one declared inline; the adapter picks the kind (" + String.join(
                        ", ", KINDS.targetAdapters()) + "), whose keys follow.",
                TARGET_KEYS, false);
        Shape.Struct batch = new Shape.Struct("pipeline-batch", "batch", "How many rows one transaction loads"
                + " (each batch commits with its checkpoint).", List.of(ROWS.key(), BYTES.key(), TIME.key()), false);
        Shape.Struct rejects = new Shape.Struct("pipeline-rejects", "rejects", "Where rows that cannot be loaded go"
                + " and how many a successful run may have.", List.of(REJECT_PATH.key(), THRESHOLD.key()), false);
        Shape.Struct item = new Shape.Struct("pipeline", "pipeline", "One pipeline: records read from a source,"
                + " typed by the target and written in checkpointed batches.",
                List.of(NAME.key(), SCHEDULE.key(), STREAM.key(), BACKFILL.key(),
                        UdlKey.of(SOURCE, source, source.description(),
                                "{adapter: file, path: data/people.csv, format: csv}").asRequired(),
                        UdlKey.of(TARGET, target, target.description(),
                                "{system: db, table: people, mode: upsert, key: id}").asRequired(),
                        io.unikernal.etl.transform.TransformSteps.key(source),
                        UdlKey.of(BATCH, batch, batch.description(), "{rows: 10000}"),
                        UdlKey.of(REJECTS, rejects, rejects.description(), "{path: people.rejects.jsonl, threshold: 0}")),
                false);
        key = UdlKey.of("pipelines", new Shape.ListOf(item), "ETL pipelines: records moved from a source into a"
                + " target in batches, checkpointed and resumable (docs/etl.md).",
                "[{name: load-people, source: {adapter: file, path: people.csv}, target: {system: db, table: people}}]");
    }

    /** system, adapter, then the kinds' keys, then format and the formats' keys when some kind uses formats. */
    private static List<UdlKey> endKeys(Option<String> adapter, List<UdlKey> kindKeys, boolean formats) {
        List<UdlKey> keys = new ArrayList<>(List.of(SYSTEM.key(), adapter.key()));
        kindKeys.stream().filter(k -> !reserved(k.name())).forEach(keys::add);
        if (formats) {
            keys.add(FORMAT.key());
            KINDS.formatKeys().stream().filter(k -> keys.stream().noneMatch(o -> o.name().equals(k.name())))
                    .forEach(keys::add);
        }
        return List.copyOf(keys);
    }

    static boolean reserved(String key) {
        return key.equals(SYSTEM.name()) || key.equals("adapter") || key.equals(FORMAT.name());
    }

    private static Option<String> adapterOption(List<String> adapters, String description) {
        Option<String> option = Option.string("adapter").description(description + ": " + String.join(", ",
                adapters) + " (the kinds that allow it).").example("file");
        return adapters.isEmpty() ? option : option.allowed(adapters.toArray(String[]::new));
    }

    private static List<ProblemCode> codes() {
        List<ProblemCode> codes = new ArrayList<>(List.of(BAD_SCHEDULE, BAD_SOURCE, BAD_TARGET, FileFormats.NO_FORMAT,
                NOT_OF_KIND, BAD_STREAM, BAD_JOIN_SOURCE));
        codes.addAll(io.unikernal.etl.transform.TransformSteps.problemCodes());
        KINDS.problemCodes().stream().filter(c -> !codes.contains(c)).forEach(codes::add);
        codes.sort(java.util.Comparator.comparing(ProblemCode::tag));
        return List.copyOf(codes);
    }

    UdlKey key() {
        return key;
    }
}
