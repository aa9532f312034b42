package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-way adapters together: a timer feeds a seda queue, a route hands over through direct, files are read,
 * validated and written; an invalid file's message is parked in the dead-letter folder, the file itself moves to
 * .done (handled), and nothing is lost.
 */
class QueuesTimerAndFilesFeatureTest {

    @TempDir
    Path tmp;

    @Test
    void timerSedaDirectAndFilesMoveEveryMessage() throws Exception {
        Path inbox = tmp.resolve("inbox");
        Path out = tmp.resolve("out");
        Path ticks = tmp.resolve("ticks");
        Path parked = tmp.resolve("parked");
        String udl = """
                udl: 8
                name: flow
                systems:
                  tick:    {adapter: timer, period: 100ms, repeatCount: 3, body: {kind: tick}}
                  queue:   {adapter: seda}
                  handoff: {adapter: direct}
                  inbox:   {adapter: file, directory: "%s"}
                  out:     {adapter: file, directory: "%s"}
                  ticks:   {adapter: file, directory: "%s"}
                  parked:  {adapter: file, directory: "%s"}
                  audit:   {adapter: log, level: DEBUG}
                schemas:
                  Reading:
                    version: 1
                    fields:
                      sensor: {type: string, required: true}
                      value:  {type: double, required: true}
                routes:
                  - name: ticker
                    from: tick
                    steps:
                      - to: queue
                  - name: drain
                    from: queue
                    steps:
                      - to: handoff
                  - name: store-tick
                    from: handoff
                    steps:
                      - transform: {set: {seen: "true"}}
                      - to: [ticks, audit]
                  - name: readings
                    from: inbox
                    steps:
                      - validate: Reading
                      - transform: {set: {doubled: "value * 2.0"}}
                      - to: out
                    deadLetter: parked
                """.formatted(inbox, out, ticks, parked);
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("flow.udl.yaml", udl, Map.of(), tmp, app -> {
            for (Path dir : List.of(inbox, out, ticks, parked)) {
                clear(dir);
                Files.createDirectories(dir);
            }
            Files.writeString(inbox.resolve("good.json"), "{\"sensor\":\"t1\",\"value\":1.5}");
            Files.writeString(inbox.resolve("bad.json"), "{\"sensor\":\"t2\"}");
            Awaitility.await().until(() -> count(ticks) == 3 && count(out) == 1 && count(parked) == 1
                    && count(inbox.resolve(".done")) == 2);
            return List.of(contents(ticks), contents(out), contents(parked).get(0).contains("\"route\":\"readings\""),
                    contents(parked).get(0).contains("value: is required"));
        });
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        assertThat(outcomes.inProcess()).containsExactly(
                List.of("{\"kind\":\"tick\",\"seen\":true}", "{\"kind\":\"tick\",\"seen\":true}",
                        "{\"kind\":\"tick\",\"seen\":true}"),
                List.of("{\"sensor\":\"t1\",\"value\":1.5,\"doubled\":3.0}"), true, true);
    }

    private static long count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    private static List<String> contents(Path dir) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }

    private static void clear(Path dir) throws Exception {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir))
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
