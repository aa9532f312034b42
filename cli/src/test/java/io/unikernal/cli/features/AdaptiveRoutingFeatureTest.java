package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.Observability;
import io.unikernal.testkit.http.Http;
import io.unikernal.testkit.http.Peer;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adaptive route step against two real peers on loopback: traffic moves away from a peer that turns slow and comes
 * back when it recovers; a peer that is down is failed over (nothing lost) and taken out; when every peer fails the
 * message is dead-lettered with each reason. The live per-target figures are in the Prometheus metrics. Both ways.
 */
class AdaptiveRoutingFeatureTest {

    @TempDir
    Path tmp;

    private Peer eu;
    private Peer us;

    @BeforeEach
    void startPeers() throws Exception {
        eu = new Peer("eu");
        us = new Peer("us");
    }

    @AfterEach
    void stopPeers() {
        eu.close();
        us.close();
    }

    private String app(String name, int port, int euPort, Path parked) {
        return """
                udl: 8
                name: %s
                systems:
                  api:    {adapter: http, port: %d}
                  eu:     {adapter: http-client, url: "http://127.0.0.1:%d"}
                  us:     {adapter: http-client, url: "http://127.0.0.1:%d"}
                  parked: {adapter: file, directory: "%s"}
                routes:
                  - name: quote
                    from: {system: api, method: POST, path: /quote}
                    steps:
                      - route:
                          adaptive: {targets: [eu, us], smoothing: 30, explore: 5, downAfter: 2, probeAfter: 60s}
                    deadLetter: parked
                """.formatted(name, port, euPort, us.port(), parked);
    }

    /** How many of {@code n} messages each peer took. */
    private Map<String, Integer> send(int port, int n) throws Exception {
        int euBefore = eu.calls();
        int usBefore = us.calls();
        for (int i = 0; i < n; i++) {
            assertThat(Http.post(port, "/quote", "{\"id\": " + i + "}").status()).isEqualTo(200);
        }
        return Map.of("eu", eu.calls() - euBefore, "us", us.calls() - usBefore);
    }

    /** The traffic shares observed in each phase of one run. */
    record Phases(Map<String, Integer> bothFast, Map<String, Integer> euSlow, List<Map<String, Integer>> recovery) {
    }

    @Test
    void trafficMovesAwayFromAPeerThatTurnsSlowAndBackWhenItRecovers() throws Exception {
        int port = Http.freePort();
        String udl = app("adaptive", port, eu.port(), tmp.resolve("parked"));

        TwoWayRun.Outcomes<Phases> outcomes = TwoWayRun.run("adaptive.udl.yaml", udl,
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                    eu.reset();
                    us.reset();
                    Map<String, Integer> bothFast = send(port, 100);
                    eu.delay(200);
                    send(port, 60); // the averages learn
                    Map<String, Integer> euSlow = send(port, 100);
                    eu.delay(0);
                    List<Map<String, Integer>> recovery = new ArrayList<>();
                    // batches of 50 until eu takes a quarter again, at most 20 batches
                    do {
                        recovery.add(send(port, 50));
                    } while (recovery.get(recovery.size() - 1).get("eu") < 13 && recovery.size() < 20);
                    return new Phases(bothFast, euSlow, recovery);
                });

        for (Phases run : List.of(outcomes.inProcess(), outcomes.emitted())) {
            assertThat(run.bothFast().get("eu")).as("both fast: both get traffic %s", run).isGreaterThan(20);
            assertThat(run.bothFast().get("us")).as("both fast: both get traffic %s", run).isGreaterThan(20);
            assertThat(run.euSlow().get("eu")).as("eu 200 ms slower: it keeps little more than its explore share %s",
                    run).isLessThanOrEqualTo(20);
            assertThat(run.euSlow().get("eu") + run.euSlow().get("us")).isEqualTo(100);
            assertThat(run.recovery().get(run.recovery().size() - 1).get("eu"))
                    .as("eu recovered: traffic comes back to it %s", run).isGreaterThanOrEqualTo(13);
        }
    }

    private static final java.util.regex.Pattern EU_DOWN = java.util.regex.Pattern.compile(
            "unikernal_route_target_up\\{[^}]*route=\"quote\"[^}]*target=\"eu\"[^}]*} 0\\.0");

    @Test
    @SuppressWarnings("unchecked")
    void aPeerThatIsDownIsFailedOverAndTakenOutAndNothingIsLost() throws Exception {
        int port = Http.freePort();
        int closed = Http.freePort(); // nothing listens: connection refused
        Path parked = tmp.resolve("parked-down");
        String udl = app("failover", port, closed, parked);
        Map<String, String> overrides = new HashMap<>(Observability.properties("127.0.0.1", port));
        overrides.put("camel.server.port", String.valueOf(port));

        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("failover.udl.yaml", udl, overrides, tmp, app -> {
            us.reset();
            ResiliencePolicyFeatureTest.deleteAll(parked);
            List<Integer> statuses = new ArrayList<>();
            String metrics;
            // eu is drawn by its explore share (5 %) once it has failed: send batches until it has been taken out,
            // at most 20 batches, so the test does not depend on when the draw picks it a second time
            do {
                for (int i = 0; i < 20; i++) {
                    statuses.add(Http.post(port, "/quote", "{\"id\": " + statuses.size() + "}").status());
                }
                metrics = Http.text(port, Observability.METRICS_PATH);
            } while (!EU_DOWN.matcher(metrics).find() && statuses.size() < 400);
            // now us fails too: every target failed, so the message is dead-lettered with both reasons
            us.failing(true);
            int lastStatus = Http.post(port, "/quote", "{\"id\": \"last\"}").status();
            return List.of(statuses, us.accepted().size(), metrics, lastStatus,
                    ResiliencePolicyFeatureTest.readRecords(parked));
        });

        for (List<Object> run : List.of(outcomes.inProcess(), outcomes.emitted())) {
            List<Object> statuses = (List<Object>) run.get(0);
            assertThat(statuses).as("every message answered 200 by failover").hasSizeGreaterThanOrEqualTo(20)
                    .containsOnly((Object) 200);
            assertThat(run.get(1)).as("us took every message").isEqualTo(statuses.size());
            String metrics = (String) run.get(2);
            assertThat(metrics).as(metrics)
                    .containsPattern(EU_DOWN.pattern())
                    .containsPattern("unikernal_route_target_up\\{[^}]*target=\"us\"[^}]*} 1\\.0")
                    .containsPattern("unikernal_route_target_calls_total\\{[^}]*outcome=\"success\"[^}]*"
                            + "target=\"us\"[^}]*} " + statuses.size() + "\\.0")
                    .as("eu was tried only until it was taken out (downAfter: 2)")
                    .containsPattern("unikernal_route_target_calls_total\\{[^}]*outcome=\"failure\"[^}]*"
                            + "target=\"eu\"[^}]*} 2\\.0")
                    .containsPattern("unikernal_route_target_failovers_total\\{[^}]*target=\"eu\"[^}]*} 2\\.0")
                    .containsPattern("unikernal_route_target_latency_ewma_seconds\\{[^}]*target=\"us\"")
                    .as("each target call's latency is a histogram per endpoint")
                    .containsPattern("camel_exchange_event_notifier_seconds_bucket\\{[^}]*endpointName=\"http://"
                            + "127\\.0\\.0\\.1:" + us.port() + "[^}]*le=\"0\\.0[0-9]*\"[^}]*} [1-9]");
            assertThat(run.get(3)).isEqualTo(500);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> records = (List<Map<String, Object>>) run.get(4);
            assertThat(records).hasSize(1);
            assertThat((String) records.get(0).get("reason")).contains("every target of the adaptive step")
                    .contains("eu=").contains("us=").contains("500");
            assertThat((String) records.get(0).get("payload")).contains("last");
        }
    }
}
