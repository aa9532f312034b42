package io.unikernal.etl.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.compile.YamlEmitter;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks of {@code pipelines:}, each problem at its file:line:col with its code; what a pipeline compiles to. */
class PipelinesChecksTest {

    private static final String SYSTEMS = "udl: 8\nname: t\nsystems:\n"
            + "  db: {adapter: postgres, url: \"jdbc:postgresql://127.0.0.1:5432/test\"}\n"
            + "  h2: {adapter: jdbc}\n"
            + "  files: {adapter: file, directory: data}\n";

    private static List<String> problems(String udl) {
        return new UdlParser(Adapters.installed()).parse("app.udl", udl).problems().stream().map(UdlError::render)
                .toList();
    }

    private static String pipeline(String lines) {
        return SYSTEMS + "pipelines:\n  - name: p1\n" + lines;
    }

    private static final String SOURCE = "    source: {adapter: file, path: people.csv, format: csv}\n";
    private static final String TARGET = "    target: {system: db, table: people}\n";

    @Test
    void theCommonCasesHaveNoProblems() {
        assertThat(problems(pipeline(SOURCE + TARGET))).isEmpty();
        assertThat(problems(pipeline("    schedule: \"0 0 2 * * ?\"\n    source: {system: files, path: p.csv}\n"
                + "    target: {system: db, table: public.people, mode: upsert, key: \"id, region\"}\n"
                + "    batch: {rows: 500, bytes: 1048576}\n    rejects: {path: r.jsonl, threshold: 3}\n"))).isEmpty();
    }

    @Test
    void aFiveFieldUnixCronIsRefusedWithItsQuartzEquivalent() {
        assertThat(problems(pipeline("    schedule: \"30 2 * * 1-5\"\n" + SOURCE + TARGET))).singleElement()
                .asString().startsWith("app.udl:9:15:").contains("[ETL-001]")
                .contains("schedule '30 2 * * 1-5' is a five-field Unix cron")
                .contains("write \"0 30 2 ? * 2-6\"");
        assertThat(problems(pipeline("    schedule: \"0 2 * * *\"\n" + SOURCE + TARGET))).singleElement()
                .asString().contains("write \"0 0 2 * * ?\"");
        assertThat(problems(pipeline("    schedule: \"every night\"\n" + SOURCE + TARGET))).singleElement()
                .asString().startsWith("app.udl:9:").contains("is no Quartz cron expression")
                .contains("e.g. \"0 0 2 * * ?\"");
    }

    @Test
    void unknownSystemsAndATargetThatIsNoPostgresSystem() {
        assertThat(problems(pipeline("    source: {system: fils, path: p.csv}\n"
                + "    target: {system: dbb, table: people}\n")))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:9:").contains("unknown system 'fils'")
                        .contains("did you mean 'files'"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:10:").contains("unknown system 'dbb'"));
        // a file system is a target of files, which takes no table; h2, mariadb and sqlite systems are table targets
        assertThat(problems(pipeline(SOURCE + "    target: {system: files, table: people}\n"))).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:10:")
                        .contains("a file target is missing required key 'path'"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:10:").contains("'table'"));
        assertThat(problems(pipeline(SOURCE + "    target: {system: h2, table: people}\n"))).isEmpty();
        // a postgres system is a source too (a table by its cursor), which takes no path
        assertThat(problems(pipeline("    source: {system: db, path: p.csv}\n" + TARGET))).singleElement()
                .asString().startsWith("app.udl:9:").contains("[ETL-006]")
                .contains("a postgres source takes no key 'path'");
    }

    @Test
    void anUpsertWithoutKeyAndOtherMistakes() {
        assertThat(problems(pipeline(SOURCE + "    target: {system: db, table: people, mode: upsert}\n")))
                .singleElement().asString().startsWith("app.udl:10:").contains("[ETL-004]")
                .contains("upserts into people but names no key");
        assertThat(problems(pipeline(SOURCE + "    target: {system: db, table: \"people; drop\"}\n")))
                .singleElement().asString().startsWith("app.udl:10:").contains("table");
        // a format that is not installed (parquet, json, jsonl and xlsx are: etl-formats)
        assertThat(problems(pipeline("    source: {adapter: file, path: p.avro, format: avro}\n" + TARGET)))
                .singleElement().asString().startsWith("app.udl:9:").contains("avro");
        assertThat(problems(SYSTEMS + "pipelines:\n  - name: p1\n" + SOURCE + TARGET + "  - name: p1\n" + SOURCE
                + TARGET)).singleElement().asString().startsWith("app.udl:11:").contains("p1");
        assertThat(problems(pipeline("    source: {path: p.csv}\n" + TARGET))).singleElement().asString()
                .startsWith("app.udl:9:").contains("[ETL-002]").contains("names neither a system nor an adapter");
        assertThat(problems(pipeline("    source: {system: files, adapter: file, path: p.csv}\n" + TARGET)))
                .singleElement().asString().contains("names both a system and an adapter");
        assertThat(problems(pipeline(SOURCE))).singleElement().asString().contains("target");
    }

    @Test
    void eachSourceAndTargetTakesOnlyItsKindsKeysAndNeedsItsRequiredOnes() {
        assertThat(problems(pipeline("    source: {adapter: file, path: p.csv, table: people}\n" + TARGET)))
                .singleElement().asString().startsWith("app.udl:9:").contains("[ETL-006]")
                .contains("a file source takes no key 'table'").contains("path");
        // the tests install a second source kind (sequence): a key of one kind is refused on the other
        assertThat(problems(pipeline("    source: {adapter: sequence, count: 3, path: x.csv}\n" + TARGET)))
                .singleElement().asString().startsWith("app.udl:9:").contains("[ETL-006]")
                .contains("a sequence source takes no key 'path'").contains("count");
        assertThat(problems(pipeline("    source: {adapter: file, path: x.csv, count: 3}\n" + TARGET)))
                .singleElement().asString().contains("a file source takes no key 'count'");
        assertThat(problems(pipeline("    source: {adapter: file}\n" + TARGET))).singleElement().asString()
                .startsWith("app.udl:9:").contains("missing required key 'path'");
        assertThat(problems(pipeline("    source: {adapter: sequence}\n" + TARGET))).singleElement().asString()
                .contains("missing required key 'count'");
        assertThat(problems(pipeline(SOURCE + "    target: {system: db}\n"))).singleElement().asString()
                .startsWith("app.udl:10:").contains("missing required key 'table'");
    }

    @Test
    void aFilesFormatIsWrittenOrToldByItsEnding() {
        assertThat(problems(pipeline("    source: {adapter: file, path: people.CSV}\n" + TARGET))).isEmpty();
        assertThat(problems(pipeline("    source: {adapter: file, path: people.txt}\n" + TARGET))).singleElement()
                .asString().startsWith("app.udl:9:").contains("[ETL-005]")
                .contains("cannot tell the format of 'people.txt'").contains("write format: csv");
        assertThat(problems(pipeline("    source: {adapter: file, path: people.txt, format: csv}\n" + TARGET)))
                .isEmpty();
    }

    @Test
    void theAllowedAdaptersAndFormatsComeFromTheInstalledKinds() {
        var kinds = io.unikernal.etl.kinds.PipelineKinds.installed();
        assertThat(kinds.sourceAdapters()).contains("file");
        assertThat(kinds.targetAdapters()).contains("postgres");
        assertThat(kinds.formatNames()).contains("csv");
        assertThat(problems(pipeline("    source: {adapter: nope, path: p.csv}\n" + TARGET))).singleElement()
                .asString().startsWith("app.udl:9:").contains("nope").contains("file");
    }

    @Test
    void transformStepsAreCheckedAtTheirPlace() {
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - filter: \"age >\"\n" + TARGET)))
                .singleElement().asString().startsWith("app.udl:11:17:").contains("expression does not parse");
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - set: {a: \"1 +\"}\n" + TARGET)))
                .singleElement().asString().startsWith("app.udl:11:").contains("expression does not parse");
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - convert: {age: integer}\n" + TARGET)))
                .singleElement().asString().startsWith("app.udl:11:").contains("integer").contains("long");
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - aggregate: {by: [a]}\n" + TARGET)))
                .singleElement().asString().contains("[ETL-008]").contains("aggregate computes nothing");
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - lookup: {system: dbx, table: t, on: {a: b},"
                + " fields: [c]}\n" + TARGET))).singleElement().asString().contains("unknown system 'dbx'");
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - filter: \"true\"\n        set: {a: b}\n"
                + TARGET))).isNotEmpty();
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - sort: a\n" + TARGET))).singleElement()
                .asString().contains("sort");
    }

    @Test
    void aStreamNeedsASourceThatStreamsNoScheduleAndWindowedAggregates() {
        assertThat(problems(pipeline("    stream: true\n" + SOURCE + TARGET))).singleElement().asString()
                .startsWith("app.udl:9:").contains("[ETL-009]").contains("cannot be read as a stream")
                .contains("sequence");
        String stream = "    stream: true\n    source: {adapter: sequence, count: 3}\n";
        assertThat(problems(pipeline(stream + TARGET))).isEmpty();
        assertThat(problems(pipeline(stream + "    schedule: \"0 0 2 * * ?\"\n" + TARGET))).singleElement()
                .asString().contains("[ETL-009]").contains("streams and has a schedule");
        assertThat(problems(pipeline("    backfill: true\n    source: {adapter: sequence, count: 3}\n" + TARGET)))
                .singleElement().asString().contains("[ETL-009]").contains("without stream: true");
        assertThat(problems(pipeline(stream + "    transform:\n      - aggregate: {by: [id], count: n}\n"
                + TARGET))).singleElement().asString().contains("[ETL-007]").contains("needs a window");
        assertThat(problems(pipeline(stream + "    transform:\n      - aggregate: {count: n, window: 1m}\n"
                + TARGET))).isEmpty();
    }

    @Test
    void eventTimeWindowsNeedTheirWindowAndASlideThatDividesIt() {
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - aggregate: {count: n, time: ts}\n" + TARGET)))
                .singleElement().asString().startsWith("app.udl:11:").contains("[ETL-030]")
                .contains("time: without window:");
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - aggregate: {count: n, window: 10m, slide: 1m}\n"
                + TARGET))).singleElement().asString().contains("[ETL-030]").contains("slide: needs time:");
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - aggregate: {count: n, window: 10m, lateness:"
                + " 1m}\n" + TARGET))).singleElement().asString().contains("[ETL-030]").contains("lateness: needs");
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - aggregate: {count: n, window: 10m, slide: 3m,"
                + " time: ts}\n" + TARGET))).singleElement().asString().contains("[ETL-031]")
                .contains("slide PT3M does not divide window PT10M");
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - aggregate: {count: n, window: 10m, slide: 2m,"
                + " time: ts, lateness: 30s}\n" + TARGET))).isEmpty();
    }

    @Test
    void aJoinsSecondSourceIsCheckedAsAPipelinesSourceIs() {
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - join: {with: {system: nowhere, path: a.csv},"
                + " on: [id]}\n" + TARGET))).singleElement().asString().startsWith("app.udl:11:")
                .contains("unknown system 'nowhere'");
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - join: {with: {system: db, path: a.csv},"
                + " on: [id]}\n" + TARGET))).singleElement().asString().contains("[ETL-006]")
                .contains("a postgres source takes no key 'path'");
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - join: {with: {system: files, adapter: file,"
                + " path: a.csv}, on: [id]}\n" + TARGET))).singleElement().asString().contains("[ETL-032]")
                .contains("names both a system and an adapter");
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - join: {with: {adapter: file}, on: [id]}\n"
                + TARGET))).singleElement().asString().contains("path");
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - join: {with: {adapter: file, path: a.csv},"
                + " on: [id], type: outer}\n" + TARGET))).singleElement().asString().contains("outer");
        assertThat(problems(pipeline(SOURCE + "    transform:\n      - join: {with: {adapter: file, path: a.csv},"
                + " on: [id], type: left}\n" + TARGET))).isEmpty();
    }

    @Test
    void aPipelineCompilesToARouteFromItsScheduleOrFromDirect() {
        var doc = new UdlParser(Adapters.installed()).parse("app.udl", SYSTEMS + "pipelines:\n"
                + "  - name: nightly\n    schedule: \"0 0 2 * * ?\"\n" + SOURCE + TARGET
                + "  - name: now\n" + SOURCE + TARGET).orThrow();
        String yaml = YamlEmitter.routesYaml(new UdlCompiler(Adapters.installed()).compile(doc, Path.of("/srv/app"),
                CompileOptions.DEFAULT));
        assertThat(yaml).contains("pipeline-nightly").contains("quartz:unikernal-etl/nightly?cron=0+0+2+*+*+?")
                .contains("stateful=true").contains("direct:pipeline-now")
                .contains("io.unikernal.etl.run.PipelineRunner").contains("/srv/app/people.csv")
                .contains("/srv/app/now.rejects.jsonl");
    }
}
