package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.http.Http;
import io.unikernal.testkit.http.Peer;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split never loses or alters an element silently: an element that fails is dead-lettered as itself (as it came out
 * of the list, before the body's steps changed it) with its index, while the others go on; a {@code by:} expression
 * whose value is not a list (an object, a text, null) rejects the whole message with the reason instead of being
 * split into map entries, comma-cut text or nothing. Both ways (in process and from the emitted YAML).
 */
class SplitDeadLetterFeatureTest {

    @TempDir
    Path tmp;

    private Peer lines;

    @BeforeEach
    void startPeer() throws Exception {
        lines = new Peer("lines");
    }

    @AfterEach
    void stopPeer() {
        lines.close();
    }

    @Test
    void aFailedElementIsDeadLetteredAsItselfWithItsIndexAndANonListIsRejected() throws Exception {
        int port = Http.freePort();
        Path parked = tmp.resolve("parked");
        String udl = """
                udl: 8
                name: splitting-rows
                systems:
                  api:    {adapter: http, port: %d}
                  lines:  {adapter: http-client, url: "http://127.0.0.1:%d"}
                  parked: {adapter: file, directory: "%s"}
                schemas:
                  Line:
                    version: 1
                    fields:
                      sku: {type: string, required: true}
                      qty: {type: int, required: true, min: 1}
                routes:
                  - name: rows
                    from: {system: api, method: POST, path: /rows}
                    steps:
                      - split:
                          by: items
                          steps:
                            - transform: {set: {seen: "true"}}
                            - validate: Line
                            - to: lines
                    deadLetter: parked
                """.formatted(port, lines.port(), parked);
        String rows = "{\"order\": \"o-1\", \"items\": [{\"sku\": \"a\", \"qty\": 1}, {\"sku\": \"b\", \"qty\": -1},"
                + " {\"sku\": \"c\", \"qty\": 2}, {\"sku\": \"d\"}]}";

        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("splitting-rows.udl.yaml", udl,
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                    List<Object> seen = new ArrayList<>();
                    for (String body : List.of(rows, "{\"items\": {\"sku\": \"x\", \"qty\": 1}}",
                            "{\"items\": \"a,b,c\"}", "{\"items\": null}", "{\"items\": []}")) {
                        lines.reset();
                        ResiliencePolicyFeatureTest.deleteAll(parked);
                        Http.Reply reply = Http.post(port, "/rows", body);
                        List<Map<String, Object>> records = new ArrayList<>(
                                ResiliencePolicyFeatureTest.readRecords(parked));
                        records.sort(Comparator.comparing(r -> String.valueOf(r.get("splitIndex"))));
                        List<Object> dead = new ArrayList<>();
                        for (Map<String, Object> record : records) {
                            dead.add(List.of(String.valueOf(record.get("splitIndex")),
                                    StrictJson.read(String.valueOf(record.get("payload")), Object.class),
                                    record.get("reason") + " / " + record.get("details")));
                        }
                        seen.add(List.of(reply.status(), lines.accepted().stream()
                                .map(b -> ((Map<?, ?>) b).get("sku")).sorted().toList(), dead));
                    }
                    return seen;
                });

        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        List<Object> seen = outcomes.inProcess();
        List<?> split = (List<?>) seen.get(0);
        assertThat(split.get(0)).as("the message was split: the failed elements are dead-lettered").isEqualTo(200);
        assertThat(split.get(1)).as("the good elements go on").isEqualTo(List.of("a", "c"));
        List<?> dead = (List<?>) split.get(2);
        assertThat(dead).hasSize(2);
        List<?> b = (List<?>) dead.get(0);
        assertThat(b.get(0)).as("the element's index in the list").isEqualTo("1");
        assertThat(b.get(1)).as("the element as it was, before the body's transform")
                .isEqualTo(Map.of("sku", "b", "qty", -1L));
        assertThat((String) b.get(2)).contains("qty");
        List<?> d = (List<?>) dead.get(1);
        assertThat(d.get(0)).isEqualTo("3");
        assertThat(d.get(1)).isEqualTo(Map.of("sku", "d"));
        for (int i = 1; i <= 3; i++) {
            List<?> refused = (List<?>) seen.get(i);
            assertThat(refused.get(0)).as("a by: value that is not a list rejects the message").isEqualTo(400);
            assertThat(refused.get(1)).as("no element was delivered").isEqualTo(List.of());
            List<?> record = (List<?>) ((List<?>) refused.get(2)).get(0);
            assertThat(record.get(0)).as("no element: the whole message").isEqualTo("null");
            assertThat((String) record.get(2)).contains("split by 'items' needs an array, got "
                    + List.of("an object", "a string", "null").get(i - 1));
        }
        assertThat(seen.get(4)).as("an empty list is no element, no failure").isEqualTo(List.of(200, List.of(),
                List.of()));
    }
}
