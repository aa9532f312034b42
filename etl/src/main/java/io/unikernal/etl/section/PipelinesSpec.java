package io.unikernal.etl.section;

import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.Shape;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.ValueKind;
import java.util.List;

/** The one declaration of {@code pipelines:}: its keys (for the parser, schema and reference) and problem codes. */
final class PipelinesSpec {

    static final String SOURCE = "source";
    static final String TARGET = "target";
    static final String BATCH = "batch";
    static final String REJECTS = "rejects";

    static final Option<String> NAME = Option.string("name").required()
            .pattern("[A-Za-z][A-Za-z0-9_-]*", "a name of letters, digits, '-' and '_' that starts with a letter")
            .description("The pipeline's name; its route is pipeline-<name>, its checkpoints are kept under"
                    + " <app>/<name>.").example("load-people");
    static final Option<String> SCHEDULE = Option.string("schedule")
            .description("A Quartz cron expression (seconds first: 6 or 7 fields) that starts a run; absent, the"
                    + " pipeline runs on demand (unikernal etl run, or a message to direct:pipeline-<name>).")
            .example("\"0 0 2 * * ?\"");

    static final Option<Object> SYSTEM = Option.of("system", ValueKind.SYSTEM_REF)
            .description("A system declared under systems:.").example("db");
    static final Option<String> ADAPTER = Option.string("adapter").allowed("file")
            .description("A source declared inline instead of a system: its adapter.").example("file");
    static final Option<String> PATH = Option.string("path").required()
            .description("The file read: relative to the file system's directory, or (inline) to the UDL file.")
            .example("data/people.csv");
    static final Option<String> FORMAT = Option.string("format").allowed("csv").defaultValue("csv")
            .description("The file's format (docs/etl.md gives the CSV rules).").example("csv");

    static final Option<Object> TARGET_SYSTEM = Option.of("system", ValueKind.SYSTEM_REF).required()
            .description("A postgres system declared under systems:.").example("db");
    static final Option<String> TABLE = Option.string("table").required()
            .pattern("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?",
                    "a table name, optionally schema.table, of letters, digits and '_'")
            .description("The table loaded; it must exist. Columns are matched to the file's header by name.")
            .example("people");
    static final Option<String> MODE = Option.string("mode").allowed("insert", "upsert").defaultValue("insert")
            .description("insert: every row is added; upsert: a row whose key exists replaces that row's other"
                    + " columns (the last of a batch wins).").example("upsert");
    static final Option<String> KEY = Option.string("key")
            .pattern("[A-Za-z_][A-Za-z0-9_]*(\\s*,\\s*[A-Za-z_][A-Za-z0-9_]*)*", "column names separated by commas")
            .description("With mode upsert: the key columns, a primary or unique key of the table.").example("id");

    static final Option<Integer> ROWS = Option.integer("rows").defaultValue(10_000).range(1, 10_000_000)
            .description("A batch ends after this many rows.").example("10000");
    static final Option<Integer> BYTES = Option.integer("bytes").defaultValue(8 * 1024 * 1024)
            .range(1024, 1024 * 1024 * 1024)
            .description("Or once its rows take this many bytes as COPY data (what a batch holds in memory).")
            .example("8388608");

    static final Option<String> REJECT_PATH = Option.string("path")
            .description("The reject file (JSON Lines: reason, row, file:line), relative to the UDL file; default"
                    + " <pipeline>.rejects.jsonl next to it.").example("rejects/people.jsonl");
    static final Option<Long> THRESHOLD = Option.longInteger("threshold").defaultValue(0L).range(0, Long.MAX_VALUE)
            .description("The most rejected rows a run may have and still succeed (exit code 0).").example("10");

    static final ProblemCode BAD_SCHEDULE = new PluginProblemCode("ETL", 1,
            "a schedule is no Quartz cron expression");
    static final ProblemCode BAD_SOURCE = new PluginProblemCode("ETL", 2,
            "a pipeline's source is not a file the pipeline can read");
    static final ProblemCode BAD_TARGET = new PluginProblemCode("ETL", 3,
            "a pipeline's target is not a postgres system");
    static final ProblemCode UPSERT_WITHOUT_KEY = new PluginProblemCode("ETL", 4,
            "a pipeline in mode upsert names no key");
    static final List<ProblemCode> CODES = List.of(BAD_SCHEDULE, BAD_SOURCE, BAD_TARGET, UPSERT_WITHOUT_KEY);

    private final UdlKey key;

    PipelinesSpec() {
        Shape.Struct source = new Shape.Struct("pipeline-source", "source", "What the pipeline reads: a file, of a"
                + " file system ({system, path}) or declared inline ({adapter: file, path}).",
                List.of(SYSTEM.key(), ADAPTER.key(), PATH.key(), FORMAT.key()), false);
        Shape.Struct target = new Shape.Struct("pipeline-target", "target", "Where rows are loaded: a table of a"
                + " postgres system.", List.of(TARGET_SYSTEM.key(), TABLE.key(), MODE.key(), KEY.key()), false);
        Shape.Struct batch = new Shape.Struct("pipeline-batch", "batch", "How many rows one transaction loads"
                + " (each batch commits with its checkpoint).", List.of(ROWS.key(), BYTES.key()), false);
        Shape.Struct rejects = new Shape.Struct("pipeline-rejects", "rejects", "Where rows that cannot be loaded go"
                + " and how many a successful run may have.", List.of(REJECT_PATH.key(), THRESHOLD.key()), false);
        Shape.Struct item = new Shape.Struct("pipeline", "pipeline", "One pipeline: rows read from a source, typed"
                + " by the target's columns and loaded in checkpointed batches.",
                List.of(NAME.key(), SCHEDULE.key(),
                        UdlKey.of(SOURCE, source, source.description(),
                                "{adapter: file, path: data/people.csv, format: csv}").asRequired(),
                        UdlKey.of(TARGET, target, target.description(),
                                "{system: db, table: people, mode: upsert, key: id}").asRequired(),
                        UdlKey.of(BATCH, batch, batch.description(), "{rows: 10000}"),
                        UdlKey.of(REJECTS, rejects, rejects.description(), "{path: people.rejects.jsonl, threshold: 0}")),
                false);
        key = UdlKey.of("pipelines", new Shape.ListOf(item), "ETL pipelines: batch loads from files into databases,"
                + " checkpointed and resumable (docs/etl.md).",
                "[{name: load-people, source: {adapter: file, path: people.csv}, target: {system: db, table: people}}]");
    }

    UdlKey key() {
        return key;
    }
}
