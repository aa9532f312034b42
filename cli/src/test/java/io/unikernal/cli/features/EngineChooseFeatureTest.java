package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.http.Http;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine: rust | java | auto} on a route: its choose is decided by the routing engine (the Rust core through
 * JNI, or its Java twin) and takes the same branches as the CEL choose of the same route, both ways.
 */
class EngineChooseFeatureTest {

    @TempDir
    Path tmp;

    private static String udl(int port, String engine) {
        return """
                udl: 8
                name: tiers-%s
                systems:
                  api: {adapter: http, port: %d}
                routes:
                  - name: tier
                    from: {system: api, method: POST, path: /tier}
                    %s
                    steps:
                      - choose:
                          - when: "amount > 1000 && region == 'eu'"
                            steps: [{transform: {set: {tier: "'eu-large'"}}}]
                          - when: "amount >= 1000"
                            steps: [{transform: {set: {tier: "'large'"}}}]
                          - when: "sku.startsWith('X-') || false"
                            steps: [{transform: {set: {tier: "'never'"}}}]
                          - when: "customer.level in ['gold', 'platinum']"
                            steps: [{transform: {set: {tier: "'vip'"}}}]
                          - otherwise:
                              - transform: {set: {tier: "'small'"}}
                """.formatted(engine.isEmpty() ? "cel" : engine, port, engine.isEmpty() ? "" : "engine: " + engine);
    }

    private static String udlSimple(int port, String engine) {
        return udl(port, engine).replace("""
                          - when: "sku.startsWith('X-') || false"
                            steps: [{transform: {set: {tier: "'never'"}}}]
                """, """
                          - when: "sku.startsWith('X-')"
                            steps: [{transform: {set: {tier: "'x'"}}}]
                """);
    }

    private List<Object> scenario(int port) throws Exception {
        List<Object> seen = new ArrayList<>();
        // every message has every field: on CEL a missing field fails the message, on the engine it is false
        for (String message : List.of("5000, 'eu', 'A-1', 'iron'", "5000, 'us', 'A-1', 'iron'", "1000, 'eu', 'A-1', 'iron'",
                "10, 'eu', 'X-1', 'iron'", "10, 'eu', 'A-1', 'gold'", "10, 'eu', 'A-1', 'iron'")) {
            String[] f = message.replace("'", "").split(", ");
            seen.add(tier(Http.post(port, "/tier", "{\"amount\": " + f[0] + ", \"region\": \"" + f[1]
                    + "\", \"sku\": \"" + f[2] + "\", \"customer\": {\"level\": \"" + f[3] + "\"}}")));
        }
        return seen;
    }

    private static Object tier(Http.Reply reply) {
        return reply.status() + " " + (reply.body() instanceof Map<?, ?> m ? m.get("tier") : reply.body());
    }

    @Test
    void theEnginesTakeTheSameBranchesAsCel() throws Exception {
        List<String> expected = List.of("200 eu-large", "200 large", "200 large", "200 x", "200 vip", "200 small");
        for (String engine : List.of("rust", "java", "auto")) {
            int port = Http.freePort();
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("tiers.udl.yaml", udlSimple(port, engine),
                    Map.of("camel.server.port", String.valueOf(port)), tmp.resolve(engine), app -> scenario(port));
            assertThat(outcomes.emitted()).as(engine).isEqualTo(outcomes.inProcess());
            assertThat(outcomes.inProcess()).as(engine).isEqualTo(expected);
            String yaml = Files.readString(outcomes.emittedDir().resolve("tiers-" + engine + ".camel.yaml"));
            assertThat(yaml).as("the choose runs on the engine").contains("rust:route?engine=" + engine);
        }
        int port = Http.freePort();
        TwoWayRun.Outcomes<List<Object>> cel = TwoWayRun.run("tiers.udl.yaml", udlSimple(port, ""),
                Map.of("camel.server.port", String.valueOf(port)), tmp.resolve("cel"), app -> scenario(port));
        assertThat(cel.inProcess()).as("CEL decides the same").isEqualTo(expected);
    }

    @Test
    void aConditionTheEngineCannotTakeStaysOnCel() throws Exception {
        int port = Http.freePort();
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("tiers.udl.yaml", udl(port, "rust"),
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> scenario(port));
        assertThat(outcomes.inProcess()).isEqualTo(outcomes.emitted());
        assertThat(outcomes.inProcess().get(0)).isEqualTo("200 eu-large");
        assertThat(Files.readString(outcomes.emittedDir().resolve("tiers-rust.camel.yaml")))
                .doesNotContain("rust:route");
    }
}
