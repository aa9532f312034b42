package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.http.Http;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each target call of a route carries an {@code Idempotency-Key}, so a target can de-duplicate a call the route
 * retried (after a timeout the target may have finished the attempt the client gave up on): the same on every attempt
 * of one message's call, different for the route's other target call and for another message, and never the one a
 * caller sent. With retry alone (Camel redelivers the HTTP call) and with retry and timeout (it redelivers the whole
 * guarded call).
 */
class OutboundIdempotencyKeyFeatureTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"retry: {attempts: 3, initial: 10ms, max: 10ms}",
            "retry: {attempts: 3, initial: 10ms, max: 10ms}\n      timeout: 5s"})
    void everyAttemptOfACallCarriesTheSameKeyAndOtherCallsAndMessagesOthers(String policy) throws Exception {
        int port = Http.freePort();
        try (HeldPeer peer = new HeldPeer()) {
            String udl = """
                    udl: 8
                    name: keys
                    systems:
                      api:    {adapter: http, port: %d}
                      ledger: {adapter: http-client, url: "http://127.0.0.1:%d"}
                    routes:
                      - name: pay
                        from: {system: api, method: POST, path: /pay}
                        policy:
                          %s
                        steps:
                          - to: {system: ledger, path: /book}
                          - to: {system: ledger, path: /notify}
                    """.formatted(port, peer.port(), policy);
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("keys.udl.yaml", udl,
                    Map.of("camel.server.port", String.valueOf(port)), tmp, running -> {
                        peer.clear();
                        peer.fail(2); // the first message's booking fails twice, then goes through
                        List<Object> seen = new ArrayList<>();
                        seen.add(Http.post(port, "/pay", "{\"id\": \"p-1\"}", "Idempotency-Key", "forged").status());
                        seen.add(Http.post(port, "/pay", "{\"id\": \"p-2\"}", "Idempotency-Key", "forged").status());
                        seen.add(labelled(peer.calls()));
                        return seen;
                    });
            assertThat(outcomes.inProcess()).containsExactly(200, 200, List.of(
                    "/book key-1", "/book key-1", "/book key-1", "/notify key-2", "/book key-3", "/notify key-4"));
            assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        }
    }

    /** Each call as "path key-N", N numbering the distinct keys in order of first use (a caller's key as is). */
    private static List<String> labelled(List<HeldPeer.Call> calls) {
        Map<String, String> labels = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (HeldPeer.Call call : calls) {
            String key = call.idempotencyKey();
            String label = key == null || "forged".equals(key) ? String.valueOf(key)
                    : labels.computeIfAbsent(key, k -> "key-" + (labels.size() + 1));
            out.add(call.path() + " " + label);
        }
        return out;
    }
}
