package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.http.Http;
import io.unikernal.testkit.http.Peer;
import io.unikernal.udl.testing.TwoWayRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retry, circuit breaker and dead letter against a real peer on loopback that fails every other call (50 %): the
 * breaker opens at its threshold and the peer sees no more calls, every message is retried a bounded number of
 * times, and every input is either delivered or in the dead-letter store with its reason — counted by id, both ways.
 */
class ResiliencePolicyFeatureTest {

    private static final int MESSAGES = 30;

    @TempDir
    Path tmp;

    private HttpServer peer;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    /**
     * Holds every call to /slow until the run that made it has seen its outcome (so such a call only ever ends by
     * the route's timeout), then lets it finish, so the app stops without waiting on it.
     */
    private volatile CountDownLatch slowPeerRelease = new CountDownLatch(1);
    private final ExecutorService peerThreads = Executors.newCachedThreadPool();

    @BeforeEach
    void startPeer() throws Exception {
        peer = Http.loopbackServer();
        peer.setExecutor(peerThreads);
        peer.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            CountDownLatch release = slowPeerRelease;
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Http.respondJson(exchange, 200, "{\"late\": true}");
        });
        peer.createContext("/always-failing", exchange -> {
            exchange.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        peer.createContext("/half-broken", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (calls.incrementAndGet() % 2 == 1) {
                // 500, not 503: Apache HttpClient 5 (under camel-http) retries a 503 by itself
                exchange.sendResponseHeaders(500, -1);
            } else {
                delivered.add(String.valueOf(StrictJson.read(body, Map.class).get("id")));
                Http.respondJson(exchange, 200, "{\"ok\": true}");
            }
            exchange.close();
        });
        peer.start();
    }

    @AfterEach
    void stopPeer() {
        slowPeerRelease.countDown();
        peer.stop(0);
        peerThreads.shutdownNow();
    }

    /** What one run observed. */
    record Observed(int peerCalls, List<String> delivered, List<Map<String, Object>> deadLetters,
            List<Integer> statuses, List<String> breakerStates) {
    }

    /** The current state of each breaker, from the Prometheus metrics: "route/target: state". */
    private static List<String> breakerStates(int port) throws Exception {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                "unikernal_breaker_state\\{(?=[^}]*route=\"([^\"]+)\")(?=[^}]*target=\"([^\"]+)\")"
                        + "(?=[^}]*state=\"([^\"]+)\")[^}]*} 1\\.0");
        List<String> states = new ArrayList<>();
        java.util.regex.Matcher m = line.matcher(Http.text(port, io.unikernal.runtime.Observability.METRICS_PATH));
        while (m.find()) {
            states.add(m.group(1) + "/" + m.group(2) + ": " + m.group(3));
        }
        return states;
    }

    private String app(int port, Path parked, String name, String policy) {
        return """
                udl: 8
                name: %s
                systems:
                  api:     {adapter: http, port: %d}
                  pricer:  {adapter: http-client, url: "http://127.0.0.1:%d"}
                  parked:  {adapter: file, directory: "%s"}
                routes:
                  - name: order
                    from: {system: api, method: POST, path: /order}
                    policy:
                %s
                    steps:
                      - to: {system: pricer, path: /half-broken}
                    deadLetter: parked
                """.formatted(name, port, peer.getAddress().getPort(), parked, policy.indent(6).stripTrailing());
    }

    private TwoWayRun.Outcomes<Observed> send(String name, String udl, int port, Path parked) throws Exception {
        Map<String, String> overrides = new java.util.HashMap<>(
                io.unikernal.runtime.Observability.properties("127.0.0.1", port));
        overrides.put("camel.server.port", String.valueOf(port));
        return TwoWayRun.run(name + ".udl.yaml", udl, overrides, tmp,
                app -> {
                    calls.set(0);
                    delivered.clear();
                    deleteAll(parked);
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < MESSAGES; i++) {
                        statuses.add(Http.post(port, "/order", "{\"id\": \"m" + i + "\"}").status());
                    }
                    return new Observed(calls.get(), List.copyOf(delivered), readRecords(parked), statuses,
                            breakerStates(port));
                });
    }

    @Test
    void theBreakerOpensAtItsThresholdAndEveryMessageIsDeliveredOrDeadLettered() throws Exception {
        int port = Http.freePort();
        Path parked = tmp.resolve("parked");
        String udl = app(port, parked, "breaker",
                "timeout: 5s\ncircuitBreaker: {failureRate: 50, window: 10, halfOpenCalls: 1, waitOpen: 600s}");

        TwoWayRun.Outcomes<Observed> outcomes = send("breaker", udl, port, parked);

        assertThat(outcomes.emitted()).usingRecursiveComparison().ignoringFields("deadLetters")
                .isEqualTo(outcomes.inProcess());
        for (Observed run : List.of(outcomes.inProcess(), outcomes.emitted())) {
            // every other call fails: after 10 calls the failure rate is 50 % and the breaker opens
            assertThat(run.peerCalls()).as("the breaker stops calls at its threshold").isEqualTo(10);
            assertThat(run.breakerStates()).as("the breaker's state is in the metrics")
                    .containsExactly("order/pricer: open");
            assertThat(run.delivered()).containsExactly("m1", "m3", "m5", "m7", "m9");
            Set<String> parkedIds = new HashSet<>();
            for (Map<String, Object> record : run.deadLetters()) {
                assertThat(record.get("route")).isEqualTo("order");
                assertThat(((Number) record.get("attempts")).intValue()).isEqualTo(1);
                assertThat((String) record.get("reason")).containsAnyOf("statusCode: 500", "CircuitBreaker");
                parkedIds.add(String.valueOf(StrictJson.read((String) record.get("payload"), Map.class).get("id")));
            }
            assertThat(run.deadLetters().stream().filter(r -> !((String) r.get("reason")).contains("statusCode: 500"))
                    .toList()).as("refused by the open breaker").hasSize(MESSAGES - 10);
            Set<String> all = new HashSet<>(run.delivered());
            assertThat(parkedIds).doesNotContainAnyElementsOf(all);
            all.addAll(parkedIds);
            assertThat(all).as("inputs = delivered + dead letters, by id").hasSize(MESSAGES);
            assertThat(run.deadLetters()).hasSize(MESSAGES - 5);
            assertThat(run.statuses().stream().filter(s -> s == 200)).hasSize(5);
        }
    }

    /**
     * A call slower than the route's timeout fails, counts as a failure for the breaker (which opens after its
     * window) and ends in the dead letter — both where the target's client times the call out itself (http-client)
     * and where the breaker's time limiter does (a direct target: another route that waits on the slow peer).
     */
    @Test
    void aSlowCallFailsCountsForTheBreakerAndEndsInTheDeadLetter() throws Exception {
        String policy = "timeout: 300ms\ncircuitBreaker: {failureRate: 50, window: 2, waitOpen: 600s}";
        int messages = 4;
        for (boolean ownClient : List.of(true, false)) {
            int port = Http.freePort();
            Path parked = tmp.resolve(ownClient ? "parked-client-timeout" : "parked-limiter-timeout");
            String name = ownClient ? "slow-client" : "slow-limited";
            String udl = """
                    udl: 8
                    name: %s
                    systems:
                      api:      {adapter: http, port: %d}
                      pricer:   {adapter: http-client, url: "http://127.0.0.1:%d"}
                      slowlane: {adapter: direct}
                      parked:   {adapter: file, directory: "%s"}
                    routes:
                      - name: order
                        from: {system: api, method: POST, path: /order}
                        policy:
                    %s
                        steps:
                          - to: %s
                        deadLetter: parked
                      - name: slow-hop
                        from: slowlane
                        steps:
                          - to: {system: pricer, path: /slow}
                    """.formatted(name, port, peer.getAddress().getPort(), parked, policy.indent(6).stripTrailing(),
                    ownClient ? "{system: pricer, path: /slow}" : "slowlane");

            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(name + ".udl.yaml", udl,
                    Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                        calls.set(0);
                        deleteAll(parked);
                        slowPeerRelease = new CountDownLatch(1);
                        List<Object> seen = new ArrayList<>();
                        for (int i = 0; i < messages; i++) {
                            seen.add(Http.post(port, "/order", "{\"id\": \"s" + i + "\"}").status());
                        }
                        seen.add(readRecords(parked));
                        seen.add(calls.get());
                        // the time limiter's calls wait on the slow peer in the app's pool right now
                        seen.add(Thread.getAllStackTraces().keySet().stream()
                                .anyMatch(t -> t.getName().startsWith("unikernal-guarded-call-")));
                        slowPeerRelease.countDown();
                        return seen;
                    });

            for (List<Object> run : List.of(outcomes.inProcess(), outcomes.emitted())) {
                assertThat(run.subList(0, messages)).as(name + ": no call is answered with success")
                        .allSatisfy(status -> assertThat((Integer) status).isGreaterThanOrEqualTo(500));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> records = (List<Map<String, Object>>) run.get(messages);
                assertThat(records).as(name + ": every message is dead-lettered").hasSize(messages);
                List<String> reasons = records.stream().map(r -> (String) r.get("reason")).toList();
                assertThat(reasons).as(name + ": the first slow call failed by the timeout")
                        .anySatisfy(reason -> assertThat(reason).containsIgnoringCase("timed out"));
                assertThat(reasons).as(name + ": the timeouts opened the breaker, which refused the rest")
                        .filteredOn(reason -> reason.contains("is open: the call was not made"))
                        .hasSizeGreaterThanOrEqualTo(messages - 2);
                assertThat((Integer) run.get(messages + 1)).as(name + ": no call reaches the peer once it is open")
                        .isLessThanOrEqualTo(2);
                if (!ownClient) {
                    assertThat((Boolean) run.get(messages + 2)).as(name + ": timed on the app's guarded-call pool")
                            .isTrue();
                }
            }
        }
    }

    @Test
    void retriesAreBoundedAndCountedInTheDeadLetterRecord() throws Exception {
        int port = Http.freePort();
        Path parked = tmp.resolve("parked-retry");
        String udl = app(port, parked, "retrying",
                "retry: {attempts: 2, initial: 5ms, max: 20ms, multiplier: 2, jitter: true}");
        // every other call fails, so each message fails once and succeeds on its second attempt
        TwoWayRun.Outcomes<Observed> outcomes = send("retrying", udl, port, parked);
        assertThat(outcomes.emitted()).usingRecursiveComparison().isEqualTo(outcomes.inProcess());
        assertThat(outcomes.inProcess().peerCalls()).isEqualTo(2 * MESSAGES);
        assertThat(outcomes.inProcess().delivered()).hasSize(MESSAGES);
        assertThat(outcomes.inProcess().deadLetters()).isEmpty();
        assertThat(outcomes.inProcess().breakerStates()).as("no breaker on this route").isEmpty();

        // with one attempt fewer than needed, every message is dead-lettered after exactly its attempts
        String strict = app(port, parked, "strict", "retry: {attempts: 1}");
        TwoWayRun.Outcomes<Observed> failing = send("strict", strict, port, parked);
        for (Observed run : List.of(failing.inProcess(), failing.emitted())) {
            assertThat(run.peerCalls()).isEqualTo(MESSAGES);
            assertThat(run.delivered().size() + run.deadLetters().size()).isEqualTo(MESSAGES);
            assertThat(run.deadLetters()).allSatisfy(r -> assertThat(((Number) r.get("attempts")).intValue()).isEqualTo(1));
        }
    }

    /** A route calling /always-failing with this policy and a dead letter; returns (records, peer calls) per run. */
    private TwoWayRun.Outcomes<List<Object>> failEveryCall(String name, String policy, int messages) throws Exception {
        int port = Http.freePort();
        Path parked = tmp.resolve("parked-" + name);
        String udl = app(port, parked, name, policy).replace("/half-broken", "/always-failing");
        return TwoWayRun.run(name + ".udl.yaml", udl, Map.of("camel.server.port", String.valueOf(port)), tmp,
                app -> {
                    calls.set(0);
                    deleteAll(parked);
                    for (int i = 0; i < messages; i++) {
                        Http.post(port, "/order", "{\"id\": \"f" + i + "\"}");
                    }
                    return List.of(readRecords(parked), calls.get());
                });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDeadLetterRecordCountsEveryCallMadeAndKeepsTheFirstAndLastFailure() throws Exception {
        TwoWayRun.Outcomes<List<Object>> outcomes = failEveryCall("threeCalls",
                "retry: {attempts: 3, initial: 5ms, max: 20ms}", 2);
        for (List<Object> run : List.of(outcomes.inProcess(), outcomes.emitted())) {
            assertThat(run.get(1)).as("three calls per message").isEqualTo(6);
            assertThat((List<Map<String, Object>>) run.get(0)).hasSize(2).allSatisfy(record -> {
                assertThat(((Number) record.get("attempts")).intValue()).isEqualTo(3);
                assertThat((String) record.get("firstFailure")).contains("statusCode: 500");
                assertThat((String) record.get("reason")).contains("statusCode: 500");
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRetryTheOpenBreakerRefusedKeepsTheRealFirstFailure() throws Exception {
        // the first call fails and opens the breaker (one call is its whole window): the retry is refused
        TwoWayRun.Outcomes<List<Object>> outcomes = failEveryCall("openedByFirst", """
                retry: {attempts: 3, initial: 5ms, max: 20ms}
                circuitBreaker: {failureRate: 50, window: 1, waitOpen: 600s}""", 1);
        for (List<Object> run : List.of(outcomes.inProcess(), outcomes.emitted())) {
            assertThat(run.get(1)).as("one call made; the breaker refused the retry").isEqualTo(1);
            assertThat((List<Map<String, Object>>) run.get(0)).singleElement().satisfies(record -> {
                assertThat(((Number) record.get("attempts")).intValue()).isEqualTo(2);
                assertThat((String) record.get("firstFailure")).contains("statusCode: 500");
                assertThat((String) record.get("reason")).contains("CircuitBreaker of target 'pricer' is open");
            });
        }
    }

    /** The value of a counter in the Prometheus metrics (0 when absent). */
    private static double counter(int port, String name) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(name + "\\{[^}]*} ([0-9.E]+)")
                .matcher(Http.text(port, io.unikernal.runtime.Observability.METRICS_PATH));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void theNotPermittedCountNeverGoesDownWhenTheBreakerChangesState() throws Exception {
        int port = Http.freePort();
        Path parked = tmp.resolve("parked-not-permitted");
        String udl = app(port, parked, "reopening",
                "circuitBreaker: {failureRate: 50, window: 2, halfOpenCalls: 1, waitOpen: 1s}")
                .replace("/half-broken", "/always-failing");
        Map<String, String> overrides = new java.util.HashMap<>(
                io.unikernal.runtime.Observability.properties("127.0.0.1", port));
        overrides.put("camel.server.port", String.valueOf(port));
        String metric = "unikernal_breaker_not_permitted_calls_total";
        TwoWayRun.Outcomes<List<Double>> outcomes = TwoWayRun.run("reopening.udl.yaml", udl, overrides, tmp, app -> {
            calls.set(0);
            for (int i = 0; i < 5; i++) {
                Http.post(port, "/order", "{\"id\": \"n" + i + "\"}");
            }
            double whileOpen = counter(port, metric);
            // after waitOpen the next call is let through (half-open), fails, and the breaker opens again
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
                Http.post(port, "/order", "{\"id\": \"late\"}");
                return calls.get() == 3;
            });
            assertThat(breakerStates(port)).containsExactly("order/pricer: open");
            return List.of(whileOpen, counter(port, metric));
        });
        for (List<Double> run : List.of(outcomes.inProcess(), outcomes.emitted())) {
            assertThat(run.get(0)).as("two calls opened it, three were refused").isEqualTo(3.0);
            assertThat(run.get(1)).as("a counter never decreases, across open -> half-open -> open")
                    .isGreaterThanOrEqualTo(run.get(0));
        }
    }

    @Test
    void retryGoesThroughTheBreakerAndStopsWhenItOpens() throws Exception {
        int port = Http.freePort();
        Path parked = tmp.resolve("parked-retry-breaker");
        String udl = app(port, parked, "retryingBreaker", """
                retry: {attempts: 3, initial: 5ms, max: 20ms}
                circuitBreaker: {failureRate: 50, window: 10, halfOpenCalls: 1, waitOpen: 600s}""");

        TwoWayRun.Outcomes<Observed> outcomes = send("retryingBreaker", udl, port, parked);

        assertThat(outcomes.emitted()).usingRecursiveComparison().ignoringFields("deadLetters")
                .isEqualTo(outcomes.inProcess());
        for (Observed run : List.of(outcomes.inProcess(), outcomes.emitted())) {
            // each message fails once and is delivered by its retry (a second call through the same breaker) until
            // the breaker has seen 10 calls at a 50 % failure rate and opens
            assertThat(run.peerCalls()).as("retries are calls through the breaker, stopped at its threshold")
                    .isEqualTo(10);
            assertThat(run.breakerStates()).containsExactly("order/pricer: open");
            assertThat(run.delivered()).containsExactly("m0", "m1", "m2", "m3", "m4");
            assertThat(run.deadLetters()).hasSize(MESSAGES - 5).allSatisfy(record -> {
                assertThat((String) record.get("reason")).contains("CircuitBreaker of target 'pricer' is open");
                assertThat(((Number) record.get("attempts")).intValue())
                        .as("a call the open breaker refused is not retried").isEqualTo(1);
            });
            Set<String> all = new HashSet<>(run.delivered());
            for (Map<String, Object> record : run.deadLetters()) {
                all.add(String.valueOf(StrictJson.read((String) record.get("payload"), Map.class).get("id")));
            }
            assertThat(all).as("inputs = delivered + dead letters, by id").hasSize(MESSAGES);
            assertThat(run.statuses().stream().filter(s -> s == 200)).hasSize(5);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTargetsOwnPolicyGuardsThatTargetOnly() throws Exception {
        int port = Http.freePort();
        try (Peer audit = new Peer("audit")) {
            String udl = """
                    udl: 8
                    name: perTarget
                    systems:
                      api:    {adapter: http, port: %d}
                      pricer: {adapter: http-client, url: "http://127.0.0.1:%d"}
                      audit:  {adapter: http-client, url: "http://127.0.0.1:%d"}
                    routes:
                      - name: order
                        from: {system: api, method: POST, path: /order}
                        steps:
                          - to:
                              system: pricer
                              path: /half-broken
                              policy:
                                circuitBreaker: {failureRate: 50, window: 10, waitOpen: 600s}
                                fallback: {reply: {price: 0}}
                          - to: audit
                    """.formatted(port, peer.getAddress().getPort(), audit.port());
            Map<String, String> overrides = new java.util.HashMap<>(
                    io.unikernal.runtime.Observability.properties("127.0.0.1", port));
            overrides.put("camel.server.port", String.valueOf(port));

            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("perTarget.udl.yaml", udl, overrides, tmp,
                    app -> {
                        calls.set(0);
                        audit.reset();
                        List<Integer> statuses = new ArrayList<>();
                        for (int i = 0; i < MESSAGES; i++) {
                            statuses.add(Http.post(port, "/order", "{\"id\": \"m" + i + "\"}").status());
                        }
                        return List.of(statuses, calls.get(), audit.calls(), breakerStates(port));
                    });

            assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
            List<Object> run = outcomes.inProcess();
            assertThat((List<Object>) run.get(0)).as("the fallback answers for the failed calls").hasSize(MESSAGES)
                    .containsOnly((Object) 200);
            assertThat(run.get(1)).as("pricer's own breaker opened at its threshold").isEqualTo(10);
            assertThat(run.get(2)).as("audit has no breaker: every message reached it").isEqualTo(MESSAGES);
            assertThat((List<Object>) run.get(3)).containsExactly("order/pricer: open");
        }
    }

    @Test
    void aFallbackReplyAnswersWhileTheBreakerIsOpen() throws Exception {
        int port = Http.freePort();
        String udl = """
                udl: 8
                name: degraded
                systems:
                  api:     {adapter: http, port: %d}
                  pricer:  {adapter: http-client, url: "http://127.0.0.1:%d"}
                routes:
                  - name: quote
                    from: {system: api, method: POST, path: /quote}
                    policy:
                      circuitBreaker: {failureRate: 50, window: 4, waitOpen: 600s}
                      bulkhead: {maxConcurrent: 5}
                      fallback: {reply: {status: degraded}}
                    steps:
                      - to: {system: pricer, path: /half-broken}
                """.formatted(port, peer.getAddress().getPort());

        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("degraded.udl.yaml", udl,
                Map.of("camel.server.port", String.valueOf(port)), tmp, app -> {
                    calls.set(0);
                    List<Object> seen = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        seen.add(Http.post(port, "/quote", "{\"id\": \"q" + i + "\"}"));
                    }
                    seen.add(calls.get());
                    return seen;
                });

        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        List<Object> seen = outcomes.inProcess();
        Http.Reply ok = new Http.Reply(200, Map.of("ok", true));
        Http.Reply fallback = new Http.Reply(200, Map.of("status", "degraded"));
        assertThat(seen.subList(0, 8)).containsExactly(fallback, ok, fallback, ok, fallback, fallback, fallback,
                fallback);
        assertThat(seen.get(8)).as("no call reaches the peer once the breaker is open").isEqualTo(4);
    }

    static void deleteAll(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> readRecords(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            // a record being written is hidden (.name.part) until it is renamed whole
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).map(p -> {
                try {
                    return (Map<String, Object>) StrictJson.read(Files.readString(p), Map.class);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
