package io.unikernal.adapter.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.udl.testing.TwoWayRun;
import io.unikernal.udm.UdmHeaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routes calling a real graphql-java server ({@link RemoteGraphql}) on loopback, in process and from the emitted Camel
 * YAML ({@link TwoWayRun}): the reply's data is the body, variables come from the body or a CEL expression, the
 * operation from a file; only the envelope, the system's Authorization (a secret) and the call's Idempotency-Key (the
 * same on each retry, never the caller's) reach the remote. Bad answers:
 * a request error (errors, no data) and a 4xx are dead-lettered at once, a field error beside partial data, a 5xx
 * and a reply that is not JSON are retried by the route's policy, then dead-lettered with the reason; a call over the
 * route's timeout fails; a body that is no JSON object is never sent.
 */
class GraphqlCallTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final String token = "tok-" + UUID.randomUUID();
    private final String secretName = "GQL_TOKEN_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @TempDir
    Path workDir;

    @AfterEach
    void forgetSecret() {
        System.clearProperty("unikernal.secret." + secretName);
    }

    private String app(String name, RemoteGraphql remote) throws IOException {
        Files.writeString(workDir.resolve("order.graphql"), """
                query Other { order(id: "none") { id } }
                query Order($id: ID!) { order(id: $id) { id customer } }
                """);
        String call = "    policy: {retry: {attempts: 3, initial: 10ms, max: 20ms}}\n    steps:\n";
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  remote: {adapter: graphql, url: \"" + remote.url() + "\", authorization: \"Bearer ${secret:"
                + secretName + "}\"}\n"
                + "  ask: {adapter: contract-probe}\n  mapped: {adapter: contract-probe}\n"
                + "  slow: {adapter: contract-probe}\n"
                + "  seen: {adapter: contract-probe}\n  parked: {adapter: contract-probe}\n"
                + "routes:\n"
                + "  - name: ask\n    from: ask\n" + call
                + "      - to: {system: remote, query: \"query Q($id: ID!) { order(id: $id) { id amount } }\"}\n"
                + "      - to: seen\n    deadLetter: parked\n"
                + "  - name: mapped\n    from: mapped\n" + call
                + "      - to: {system: remote, queryFile: \"" + workDir.resolve("order.graphql") + "\", operationName: Order,"
                + " variables: \"{'id': ref + '-x'}\"}\n"
                + "      - to: seen\n    deadLetter: parked\n"
                + "  - name: slow\n    from: slow\n    policy: {timeout: 300ms}\n    steps:\n"
                + "      - to: {system: remote, query: \"query Q($id: ID!) { order(id: $id) { id } }\"}\n"
                + "      - to: seen\n    deadLetter: parked\n";
    }

    @Test
    void theDataIsTheBodyAndBadAnswersAreRejectedOrRetried() throws Exception {
        System.setProperty("unikernal.secret." + secretName, token);
        String name = "gql-call-" + UUID.randomUUID().toString().substring(0, 8);
        try (RemoteGraphql remote = new RemoteGraphql()) {
            TwoWayRun.Outcomes<List<Object>> runs = TwoWayRun.run(name + ".udl.yaml", app(name, remote),
                    ProbeApps.with(new GraphqlAdapter()), Map.of(), workDir, app -> {
                        Probes.forget(name);
                        remote.reset();
                        List<Object> seen = new ArrayList<>();

                        feed(app.context(), name, "ask", Map.of("id", "o-1"), Map.of("Authorization", "Bearer caller",
                                "X-Api-Key", "caller-key", "CamelHttpUri", "http://elsewhere/"));
                        seen.add(await(name, "seen", 1).get(0).body());
                        RemoteGraphql.Call first = remote.calls().get(0);
                        String firstKey = first.headers().get("idempotency-key");
                        seen.add(first.variables());
                        seen.add(first.headers().get("authorization").equals("Bearer " + token));
                        seen.add(first.headers().get("x-correlation-id"));
                        seen.add(first.headers().keySet().stream().filter(h -> h.startsWith("camel")
                                || h.equals("x-api-key")).toList());

                        feed(app.context(), name, "mapped", Map.of("ref", "o-2"), Map.of());
                        seen.add(await(name, "seen", 2).get(1).body());
                        seen.add(remote.calls().get(1).operationName());

                        remote.reset();
                        feed(app.context(), name, "ask", List.of("not", "an", "object"), Map.of());
                        seen.add(lastReason(name, 1));
                        seen.add(remote.calls().size());

                        remote.reset();
                        remote.status(403);
                        feed(app.context(), name, "ask", Map.of("id", "o-403"), Map.of());
                        seen.add(lastReason(name, 2));
                        seen.add(remote.calls().size());

                        remote.reset();
                        remote.status(503);
                        feed(app.context(), name, "ask", Map.of("id", "o-503"), Map.of("Idempotency-Key", "forged"));
                        seen.add(lastReason(name, 3));
                        seen.add(remote.calls().size());
                        List<String> keys = remote.calls().stream().map(c -> c.headers().get("idempotency-key"))
                                .distinct().toList();
                        seen.add(keys.size() == 1 && keys.get(0) != null && !keys.get(0).equals("forged")
                                && !keys.get(0).equals(firstKey));

                        remote.reset();
                        remote.rawReply("{\"data\": {\"order\": ");
                        feed(app.context(), name, "ask", Map.of("id", "o-bad"), Map.of());
                        seen.add(lastReason(name, 4));
                        seen.add(remote.calls().size());

                        remote.reset();
                        remote.hold();
                        feed(app.context(), name, "slow", Map.of("id", "o-slow"), Map.of());
                        seen.add(lastReason(name, 5));
                        remote.release();
                        return seen;
                    });
            assertThat(runs.inProcess()).containsExactly(
                    Map.of("order", Map.of("id", "o-1", "amount", new java.math.BigDecimal("12.5"))),
                    Map.of("id", "o-1"), true, "corr-o-1", List.of(),
                    Map.of("order", Map.of("id", "o-2-x", "customer", "Ada")), "Order",
                    "the variables of a GraphQL call must be a JSON object", 0,
                    "GraphQL endpoint " + remote.url() + " answered HTTP 403: refused by the test", 1,
                    "GraphQL endpoint " + remote.url() + " answered HTTP 503: refused by the test", 3, true,
                    "GraphQL endpoint " + remote.url() + " answered HTTP 200 with a body that is not a JSON object", 3,
                    "GraphQL call to " + remote.url() + " got no answer within 300 ms");
            assertThat(runs.emitted()).isEqualTo(runs.inProcess());
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as("compiled file " + file).doesNotContain(token);
            }
        }
    }

    @Test
    void errorsOfTheRemoteFailTheCallWithTheirMessagesAndPaths() throws Exception {
        System.setProperty("unikernal.secret." + secretName, token);
        String name = "gql-errors-" + UUID.randomUUID().toString().substring(0, 8);
        try (RemoteGraphql remote = new RemoteGraphql()) {
            String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                    + "  remote: {adapter: graphql, url: \"" + remote.url() + "\"}\n"
                    + "  broken: {adapter: contract-probe}\n  invalid: {adapter: contract-probe}\n"
                    + "  parked: {adapter: contract-probe}\n"
                    + "routes:\n"
                    + "  - name: broken\n    from: broken\n"
                    + "    policy: {retry: {attempts: 3, initial: 10ms, max: 20ms}}\n    steps:\n"
                    + "      - to: {system: remote, query: \"query Q($id: ID!) { order(id: $id) { id }"
                    + " broken(id: $id) { id } }\"}\n    deadLetter: parked\n"
                    + "  - name: invalid\n    from: invalid\n"
                    + "    policy: {retry: {attempts: 3, initial: 10ms, max: 20ms}}\n    steps:\n"
                    + "      - to: {system: remote, query: \"{ order(id: 1) { colour } }\"}\n"
                    + "    deadLetter: parked\n";
            TwoWayRun.Outcomes<List<Object>> runs = TwoWayRun.run(name + ".udl.yaml", udl,
                    ProbeApps.with(new GraphqlAdapter()), Map.of(), workDir, app -> {
                        Probes.forget(name);
                        remote.reset();
                        List<Object> seen = new ArrayList<>();
                        feed(app.context(), name, "broken", Map.of("id", "o-3"), Map.of());
                        seen.add(lastReason(name, 1));
                        seen.add(remote.calls().size());
                        remote.reset();
                        feed(app.context(), name, "invalid", Map.of(), Map.of());
                        seen.add(lastReason(name, 2));
                        seen.add(remote.calls().size());
                        return seen;
                    });
            assertThat(runs.inProcess()).containsExactly(
                    "GraphQL endpoint " + remote.url() + " answered with errors: Exception while fetching data"
                            + " (/broken) : order o-3 is locked (at broken) (the partial data is not used)", 3,
                    "GraphQL endpoint " + remote.url() + " answered with errors: Validation error (FieldUndefined@[order/colour]) : Field 'colour' in type"
                            + " 'Order' is undefined", 1);
            assertThat(runs.emitted()).isEqualTo(runs.inProcess());
        }
    }

    private static void feed(CamelContext app, String name, String system, Object body, Map<String, Object> headers)
            throws Exception {
        Map<String, Object> all = new java.util.HashMap<>(headers);
        // one correlation id per message: the idempotency key of a call follows it
        all.put(UdmHeaders.CORRELATION_ID, "corr-" + (body instanceof Map<?, ?> map && map.get("id") != null
                ? map.get("id") : system));
        try (ProducerTemplate producer = app.createProducerTemplate()) {
            producer.sendBodyAndHeaders(Probes.feedUri(name, system), body, all);
        }
    }

    private static List<Probes.Record> await(String name, String system, int count) {
        return Awaitility.await(count + " at " + system).atMost(PATIENCE)
                .until(() -> Probes.recorded(name, system), records -> records.size() >= count);
    }

    private static String lastReason(String name, int count) {
        List<Probes.Record> parked = await(name, "parked", count);
        return String.valueOf(((Map<?, ?>) parked.get(count - 1).body()).get("reason"));
    }
}
