package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.http.Http;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every UDL step kind, compiled, run over real HTTP in process and from the emitted YAML under plain Camel Main,
 * with the same observations both ways.
 */
class StepsFeatureTest {

    @TempDir
    Path tmp;

    private String udl(int port) {
        return """
                udl: 8
                name: steps
                systems:
                  api:   {adapter: http, port: %d}
                  items: {adapter: file, directory: "%s"}
                  left:  {adapter: file, directory: "%s"}
                  right: {adapter: file, directory: "%s"}
                schemas:
                  Item:
                    version: 1
                    fields:
                      sku: {type: string, required: true}
                      qty: {type: int, required: true, min: 1}
                routes:
                  - name: transform
                    from: {system: api, method: POST, path: /transform}
                    steps:
                      - transform:
                          rename: {qty: quantity}
                          set: {double: "quantity * 2", label: "sku + '!'"}
                          remove: [secret]
                  - name: filter
                    from: {system: api, method: POST, path: /filter}
                    steps:
                      - filter: "qty > 10"
                      - transform: {set: {big: "true"}}
                  - name: choose
                    from: {system: api, method: POST, path: /choose}
                    steps:
                      - choose:
                          - when: "qty > 100"
                            steps:
                              - transform: {set: {tier: "'bulk'"}}
                          - when: "qty > 10"
                            steps:
                              - transform: {set: {tier: "'medium'"}}
                          - otherwise:
                              - transform: {set: {tier: "'small'"}}
                  - name: split
                    from: {system: api, method: POST, path: /split}
                    steps:
                      - split:
                          by: "items"
                          steps:
                            - to: items
                    reply: {status: 202, body: "{'count': size(items)}"}
                  - name: fanout
                    from: {system: api, method: POST, path: /fanout}
                    steps:
                      - log: "fan-out of ${body}"
                      - to: [left, right]
                    reply: {status: 202}
                  - name: validate
                    from: {system: api, method: POST, path: /validate}
                    steps:
                      - validate: Item
                """.formatted(port, dir("items"), dir("left"), dir("right"));
    }

    private String dir(String name) {
        return tmp.resolve(name).toAbsolutePath().toString();
    }

    @Test
    void everyStepKindBehavesTheSameInProcessAndFromEmittedYaml() throws Exception {
        int port = Http.freePort();
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("steps.udl.yaml", udl(port),
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> scenario(port));

        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        List<Object> seen = outcomes.inProcess();
        assertThat(seen.get(0)).isEqualTo(new Http.Reply(200,
                Map.of("sku", "a", "quantity", 3L, "double", 6L, "label", "a!")));
        assertThat(seen.get(1)).isEqualTo(new Http.Reply(200, Map.of("qty", 50L, "big", true)));
        assertThat(seen.get(2)).as("a filtered-out message ends the route unchanged")
                .isEqualTo(new Http.Reply(200, Map.of("qty", 5L)));
        assertThat(seen.get(3)).isEqualTo(new Http.Reply(200, Map.of("qty", 500L, "tier", "bulk")));
        assertThat(seen.get(4)).isEqualTo(new Http.Reply(200, Map.of("qty", 50L, "tier", "medium")));
        assertThat(seen.get(5)).isEqualTo(new Http.Reply(200, Map.of("qty", 1L, "tier", "small")));
        assertThat(seen.get(6)).isEqualTo(new Http.Reply(202, Map.of("count", 3L)));
        assertThat(seen.get(7)).as("files written by split").isEqualTo(List.of("{\"sku\":\"x\"}", "{\"sku\":\"y\"}", "{\"sku\":\"z\"}"));
        assertThat(seen.get(8)).as("the reply after a fan-out is the body before it")
                .isEqualTo(new Http.Reply(202, Map.of("order", 7L)));
        assertThat(seen.get(9)).as("both fan-out targets got the message")
                .isEqualTo(List.of(List.of("{\"order\":7}"), List.of("{\"order\":7}")));
        Http.Reply invalid = (Http.Reply) seen.get(10);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(((Map<?, ?>) invalid.body()).get("details")).asString().contains("qty");
        assertThat(seen.get(11)).isEqualTo(new Http.Reply(200, Map.of("sku", "ok", "qty", 2L)));
    }

    private List<Object> scenario(int port) throws Exception {
        for (String d : List.of("items", "left", "right")) {
            clear(tmp.resolve(d));
        }
        List<Object> seen = new ArrayList<>();
        seen.add(Http.post(port, "/transform", "{\"sku\":\"a\",\"qty\":3,\"secret\":\"s\"}"));
        seen.add(Http.post(port, "/filter", "{\"qty\":50}"));
        seen.add(Http.post(port, "/filter", "{\"qty\":5}"));
        seen.add(Http.post(port, "/choose", "{\"qty\":500}"));
        seen.add(Http.post(port, "/choose", "{\"qty\":50}"));
        seen.add(Http.post(port, "/choose", "{\"qty\":1}"));
        seen.add(Http.post(port, "/split", "{\"items\":[{\"sku\":\"x\"},{\"sku\":\"y\"},{\"sku\":\"z\"}]}"));
        seen.add(contents(tmp.resolve("items"), 3).stream().sorted().toList());
        seen.add(Http.post(port, "/fanout", "{\"order\":7}"));
        seen.add(List.of(contents(tmp.resolve("left"), 1), contents(tmp.resolve("right"), 1)));
        seen.add(withoutCorrelationId(Http.post(port, "/validate", "{\"sku\":\"bad\",\"qty\":0}")));
        seen.add(Http.post(port, "/validate", "{\"sku\":\"ok\",\"qty\":2}"));
        return seen;
    }

    /** Correlation ids are random per message, so they cannot agree between two runs. */
    static Http.Reply withoutCorrelationId(Http.Reply reply) {
        if (reply.body() instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>(map);
            assertThat(copy.remove("correlationId")).as("error replies carry a correlation id").isNotNull();
            return new Http.Reply(reply.status(), copy);
        }
        return reply;
    }

    private static List<String> files(Path dir, int expected) throws Exception {
        Awaitility.await().until(() -> Files.isDirectory(dir) && names(dir).size() >= expected);
        return names(dir);
    }

    private static List<String> contents(Path dir, int expected) throws Exception {
        List<String> out = new ArrayList<>();
        for (String name : files(dir, expected)) {
            out.add(Files.readString(dir.resolve(name)));
        }
        return out;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList();
        }
    }

    private static void clear(Path dir) throws Exception {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                for (Path p : list.toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
