package io.unikernal.adapter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.probe.ProbeAdapter;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file adapter beyond the contract: whole files only, glob selection, fsync as an option. */
class FileAdapterTest {

    private static final Adapters ADAPTERS = ProbeApps.with(new FileAdapter());

    @TempDir
    Path tmp;

    private UdlRuntime start(String udl) throws Exception {
        var doc = new UdlParser(ADAPTERS).parse("app.udl.yaml", udl).orThrow();
        CompiledApp app = new UdlCompiler(ADAPTERS).compile(doc, tmp, CompileOptions.DEFAULT);
        Probes.forget(doc.name());
        return UdlRuntime.start(app, Map.of());
    }

    private static List<String> problems(String udl) {
        return new UdlParser(ADAPTERS).parse("app.udl.yaml", udl).problems().stream().map(UdlError::headline)
                .toList();
    }

    /**
     * A reader that lists the folder while large messages are written sees only whole JSON files: each is written
     * under a hidden temporary name and renamed; none is left behind.
     */
    @Test
    void aReaderOfTheFolderNeverSeesHalfAFile() throws Exception {
        Path outbox = Files.createDirectories(tmp.resolve("outbox"));
        String app = "files-" + UUID.randomUUID().toString().substring(0, 8);
        int messages = 20;
        String big = "x".repeat(2 * 1024 * 1024);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger filesRead = new AtomicInteger();
        List<String> broken = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try (Stream<Path> list = Files.list(outbox)) {
                    for (Path file : list.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                        try {
                            StrictJson.read(Files.readString(file), Map.class);
                            filesRead.incrementAndGet();
                        } catch (java.nio.file.NoSuchFileException gone) {
                            // cannot happen here (nothing deletes), but is no half file either
                        } catch (Exception e) {
                            broken.add(file.getFileName() + ": " + e.getMessage());
                        }
                    }
                } catch (java.io.IOException e) {
                    broken.add("listing: " + e.getMessage());
                }
            }
        }, "outbox-reader");
        try (UdlRuntime running = start("""
                udl: 8
                name: %s
                systems:
                  feed: {adapter: %s}
                  out:  {adapter: file, directory: "%s"}
                routes:
                  - name: write
                    from: feed
                    steps:
                      - to: {system: out, fileName: "m-${header.n}.json"}
                """.formatted(app, ProbeAdapter.NAME, outbox));
                ProducerTemplate producer = running.context().createProducerTemplate()) {
            reader.start();
            for (int i = 0; i < messages; i++) {
                producer.sendBodyAndHeader(Probes.feedUri(app, "feed"), "{\"n\": " + i + ", \"pad\": \"" + big + "\"}",
                        "n", i);
            }
            Awaitility.await("every file written").atMost(Duration.ofSeconds(60))
                    .until(() -> names(outbox).stream().filter(n -> n.startsWith("m-")).count() == messages);
        } finally {
            writing.set(false);
            reader.join(10_000);
        }
        assertThat(broken).as("files a reader saw half-written").isEmpty();
        assertThat(filesRead.get()).as("files the reader read while writing went on").isPositive();
        assertThat(names(outbox)).as("what is left in the folder").hasSize(messages)
                .allMatch(n -> n.matches("m-\\d+\\.json"));
    }

    @Test
    void aGlobSelectsTheFilesToReadAndTwoStarsReachSubfolders() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        Files.createDirectories(inbox.resolve("2026"));
        Files.writeString(inbox.resolve("orders-1.json"), "{\"id\": \"top\"}");
        Files.writeString(inbox.resolve("other.json"), "{\"id\": \"other\"}");
        Files.writeString(inbox.resolve("2026/orders-2.json"), "{\"id\": \"nested\"}");
        assertThat(read(inbox, "orders-*.json")).containsExactly("top");
        // the first run moved orders-1.json to .done: two stars find the nested one, and nothing under .done
        assertThat(read(inbox, "**/orders-*.json")).containsExactly("nested");
    }

    private List<String> read(Path inbox, String glob) throws Exception {
        String app = "glob-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        try (UdlRuntime running = start("""
                udl: 8
                name: %s
                systems:
                  in:   {adapter: file, directory: "%s", glob: "%s"}
                  seen: {adapter: %s}
                routes:
                  - name: read
                    from: in
                    steps:
                      - to: seen
                """.formatted(app, inbox, glob, ProbeAdapter.NAME))) {
            // the read lock waits a second per file for it to stay unchanged; then the route stores it
            Awaitility.await("a file read").atMost(Duration.ofSeconds(30))
                    .until(() -> !Probes.recorded(app, "seen").isEmpty());
            // a file the glob does not select stays where it is over several polls (one every 500 ms)
            Awaitility.await("other.json left unread").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(inbox.resolve("other.json")));
            Probes.recorded(app, "seen").forEach(r -> ids.add(String.valueOf(((Map<?, ?>) r.body()).get("id"))));
        }
        return ids;
    }

    @Test
    void globAndIncludeTogetherAreRefused() {
        assertThat(problems("""
                udl: 8
                name: app
                systems:
                  in: {adapter: file, directory: data, include: ".*\\\\.json", glob: "*.json"}
                """)).singleElement().asString().startsWith("app.udl.yaml:4:").contains("glob");
    }

    @Test
    void fsyncIsOnUnlessTurnedOff() {
        assertThat(targetUri(null)).contains("forceWrites=true").contains("tempFileName=");
        assertThat(targetUri("false")).contains("forceWrites=false");
    }

    private String targetUri(String fsync) {
        var doc = new UdlParser(ADAPTERS).parse("app.udl.yaml", """
                udl: 8
                name: app
                systems:
                  feed: {adapter: %s}
                  out:  {adapter: file, directory: data%s}
                routes:
                  - name: write
                    from: feed
                    steps:
                      - to: out
                """.formatted(ProbeAdapter.NAME, fsync == null ? "" : ", fsync: " + fsync)).orThrow();
        CompiledApp app = new UdlCompiler(ADAPTERS).compile(doc, tmp, CompileOptions.DEFAULT);
        return io.unikernal.compile.YamlEmitter.routesYaml(app);
    }

    private static List<String> names(Path dir) throws java.io.IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
