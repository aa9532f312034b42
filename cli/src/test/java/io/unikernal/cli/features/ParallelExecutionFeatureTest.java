package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.http.Http;
import io.unikernal.testkit.http.Peer;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fan-out with join policies and parallel split with bounded concurrency, against real peers on loopback: one fast,
 * one failing, one slow. Both ways (in process and from the emitted YAML).
 */
class ParallelExecutionFeatureTest {

    @TempDir
    Path tmp;

    private Peer fast;
    private Peer broken;
    private Peer slow;

    @BeforeEach
    void startPeers() throws Exception {
        fast = new Peer("fast");
        broken = new Peer("broken");
        slow = new Peer("slow");
    }

    @AfterEach
    void stopPeers() {
        fast.close();
        broken.close();
        slow.close();
    }

    /** The outcome of one call: status, body, and the dead-letter records it left. */
    record Call(int status, Object body, List<Map<String, Object>> deadLetters) {
    }

    private Call call(int port, String path, String json, Path parked) throws Exception {
        ResiliencePolicyFeatureTest.deleteAll(parked);
        Http.Reply reply = Http.post(port, path, json);
        return new Call(reply.status(), reply.body(), ResiliencePolicyFeatureTest.readRecords(parked));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFanOutJoinsRepliesByItsPolicyAndFailsWithEveryReasonWhenThePolicyIsNotMet() throws Exception {
        int port = Http.freePort();
        Path parked = tmp.resolve("parked");
        String udl = """
                udl: 8
                name: fanning
                systems:
                  api:    {adapter: http, port: %d}
                  fast:   {adapter: http-client, url: "http://127.0.0.1:%d"}
                  broken: {adapter: http-client, url: "http://127.0.0.1:%d"}
                  slow:   {adapter: http-client, url: "http://127.0.0.1:%d"}
                  parked: {adapter: file, directory: "%s"}
                routes:
                  - name: all
                    from: {system: api, method: POST, path: /all}
                    steps: [{fanOut: {to: [fast, broken, slow], join: all}}]
                    deadLetter: parked
                  - name: first
                    from: {system: api, method: POST, path: /first}
                    steps: [{fanOut: {to: [fast, broken, slow], join: first}}]
                    deadLetter: parked
                  - name: quorum
                    from: {system: api, method: POST, path: /quorum}
                    steps: [{fanOut: {to: [fast, broken, slow], join: quorum}}]
                    deadLetter: parked
                  - name: hurried
                    from: {system: api, method: POST, path: /hurried}
                    steps: [{fanOut: {to: [fast, broken, slow], join: quorum, quorum: 2, timeout: 100ms}}]
                    deadLetter: parked
                """.formatted(port, fast.port(), broken.port(), slow.port(), parked);

        TwoWayRun.Outcomes<List<Call>> outcomes = TwoWayRun.run("fanning.udl.yaml", udl,
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                    broken.reset();
                    broken.failing(true);
                    slow.reset();
                    slow.delay(400);
                    List<Call> calls = new ArrayList<>();
                    for (String path : List.of("/all", "/first", "/quorum", "/hurried")) {
                        calls.add(call(port, path, "{\"id\": \"" + path.substring(1) + "\"}", parked));
                    }
                    return calls;
                });

        for (List<Call> run : List.of(outcomes.inProcess(), outcomes.emitted())) {
            Call all = run.get(0);
            assertThat(all.status()).as("join all with a failing target fails").isEqualTo(500);
            assertThat(all.deadLetters()).hasSize(1);
            assertThat((String) all.deadLetters().get(0).get("reason"))
                    .contains("fanOut of route all (join all, 3 needed) not met").contains("broken=")
                    .contains("statusCode: 500");
            assertThat((String) all.deadLetters().get(0).get("payload")).contains("\"all\"");

            Call first = run.get(1);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.deadLetters()).isEmpty();
            Map<String, Object> firstReplies = (Map<String, Object>) ((Map<?, ?>) first.body()).get("replies");
            assertThat(firstReplies.keySet()).as("the first success decides; the slow one is not waited for")
                    .containsExactly("fast");
            assertThat(((Map<?, ?>) firstReplies.get("fast")).get("echo")).isEqualTo(Map.of("id", "first"));

            Call quorum = run.get(2);
            assertThat(quorum.status()).isEqualTo(200);
            Map<String, Map<String, Object>> body = (Map<String, Map<String, Object>>) quorum.body();
            assertThat(body.get("replies").keySet()).as("a majority: 2 of 3")
                    .containsExactlyInAnyOrder("fast", "slow");
            assertThat(body.get("failed").keySet()).containsExactly("broken");

            Call hurried = run.get(3);
            assertThat(hurried.status()).isEqualTo(500);
            assertThat((String) hurried.deadLetters().get(0).get("reason")).contains("not met")
                    .contains("slow=no reply within 100 ms");
        }
    }

    @Test
    void aParallelSplitRunsAtMostItsBoundAtOnceAndDeadLettersOnlyTheElementThatFailed() throws Exception {
        int port = Http.freePort();
        Path parked = tmp.resolve("parked-split");
        String udl = """
                udl: 8
                name: splitting
                systems:
                  api:    {adapter: http, port: %d}
                  lines:  {adapter: http-client, url: "http://127.0.0.1:%d"}
                  parked: {adapter: file, directory: "%s"}
                routes:
                  - name: parallel
                    from: {system: api, method: POST, path: /parallel}
                    steps:
                      - split: {by: items, parallel: 3, steps: [{to: lines}]}
                    deadLetter: parked
                  - name: sequential
                    from: {system: api, method: POST, path: /sequential}
                    steps:
                      - split: {by: items, steps: [{to: lines}]}
                    deadLetter: parked
                """.formatted(port, slow.port(), parked);
        StringBuilder items = new StringBuilder("{\"items\": [");
        for (int i = 0; i < 12; i++) {
            items.append(i == 0 ? "" : ", ").append(i == 5 ? "{\"n\": \"bad\"}" : "{\"n\": " + i + "}");
        }
        String batch = items.append("]}").toString();

        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("splitting.udl.yaml", udl,
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                    List<Object> seen = new ArrayList<>();
                    for (String path : List.of("/parallel", "/sequential")) {
                        slow.reset();
                        slow.delay(100);
                        slow.failOn("bad");
                        Call call = call(port, path, batch, parked);
                        seen.add(List.of(call.status(), slow.mostInFlight(), slow.accepted().size(),
                                call.deadLetters().size(), call.deadLetters().isEmpty() ? ""
                                        : call.deadLetters().get(0).get("payload")));
                    }
                    return seen;
                });

        for (List<Object> run : List.of(outcomes.inProcess(), outcomes.emitted())) {
            List<?> parallel = (List<?>) run.get(0);
            assertThat(parallel.get(1)).as("at most 3 elements in flight, and 3 reached").isEqualTo(3);
            assertThat(parallel.get(2)).as("the 11 good elements were delivered").isEqualTo(11);
            assertThat(parallel.get(3)).as("the bad element alone is dead-lettered").isEqualTo(1);
            assertThat((String) parallel.get(4)).contains("bad");
            List<?> sequential = (List<?>) run.get(1);
            assertThat(sequential.get(1)).as("without parallel: one at a time").isEqualTo(1);
            assertThat(sequential.get(2)).isEqualTo(11);
            assertThat(sequential.get(3)).isEqualTo(1);
            assertThat(parallel.get(0)).isEqualTo(sequential.get(0));
        }
    }
}
