package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.http.Http;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code route} step: content rules first, then static weights keyed by a field so one key always reaches the
 * same target — decided by the routing engine, the same way in process and from the emitted YAML.
 */
class SmartRouteFeatureTest {

    @TempDir
    Path tmp;

    @Test
    void rulesThenStickyWeightsPickTheTarget() throws Exception {
        int port = Http.freePort();
        String udl = """
                udl: 8
                name: smart
                systems:
                  api: {adapter: http, port: %d}
                  a:   {adapter: direct}
                  b:   {adapter: direct}
                  eu:  {adapter: direct}
                routes:
                  - name: entry
                    from: {system: api, method: POST, path: /route}
                    steps:
                      - route:
                          rules: [{when: "region == 'eu'", to: eu}]
                          weights: [{to: a, weight: 3}, {to: b, weight: 1}]
                          key: id
                  - name: serve-a
                    from: a
                    steps: [{transform: {set: {served: "'a'"}}}]
                  - name: serve-b
                    from: b
                    steps: [{transform: {set: {served: "'b'"}}}]
                  - name: serve-eu
                    from: eu
                    steps: [{transform: {set: {served: "'eu'"}}}]
                """.formatted(port);
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("smart.udl.yaml", udl,
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                    List<Object> served = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        served.add(served(Http.post(port, "/route", "{\"id\": \"m" + i + "\", \"region\": \"us\"}")));
                    }
                    served.add(served(Http.post(port, "/route", "{\"id\": \"m7\", \"region\": \"us\"}")));
                    served.add(served(Http.post(port, "/route", "{\"id\": \"m7\", \"region\": \"eu\"}")));
                    return served;
                });

        assertThat(outcomes.emitted()).as("the same decisions both ways").isEqualTo(outcomes.inProcess());
        List<Object> served = outcomes.inProcess();
        long toA = served.subList(0, 200).stream().filter("a"::equals).count();
        long toB = served.subList(0, 200).stream().filter("b"::equals).count();
        assertThat(toA + toB).isEqualTo(200);
        assertThat(toA).as("weights 3:1 over 200 distinct keys").isBetween(125L, 175L);
        assertThat(served.get(200)).as("the same key reaches the same target").isEqualTo(served.get(7));
        assertThat(served.get(201)).as("a rule wins over the weights").isEqualTo("eu");
    }

    private static Object served(Http.Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        return ((Map<?, ?>) reply.body()).get("served");
    }
}
