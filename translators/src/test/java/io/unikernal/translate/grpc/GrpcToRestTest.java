package io.unikernal.translate.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC to REST end to end on loopback: a grpc-java client (DynamicMessages) calls the translation of a UDL app, which
 * calls a real HTTP server ({@link RestPeer}); each scenario runs in process and from the emitted Camel YAML under
 * plain Camel Main ({@link TwoWayRun}) and must see the same.
 */
class GrpcToRestTest {

    /** Every proto3 kind, every field set (so the JSON printed back is the JSON sent). */
    static final String PAYMENT = """
            {"id": "p-1", "amount": {"units": "9007199254740993", "nanos": 500000000, "currency": "EUR"},
             "lines": [{"sku": "a", "quantity": 4294967295, "price": {"units": "-3", "nanos": 1, "currency": "USD"}}],
             "labels": {"tier": "gold"}, "iban": "DE89370400440532013000", "sequence": "-9223372036854775808",
             "big": "18446744073709551615", "signature": "AAEC/w==", "at": "2024-05-01T10:00:00.250Z",
             "hold": "1.500s", "extra": {"k": [1.5, "two", true, null]}, "note": "hi", "limit": "42",
             "accepted": ["EUR", "USD"], "totals": {"eur": {"units": "7", "nanos": 2, "currency": "EUR"}}}
            """;

    @TempDir
    Path workDir;
    private Path proto;
    private RestPeer rest;
    private int port;

    @BeforeEach
    void start() throws Exception {
        proto = workDir.resolve("payments.proto");
        Files.copy(Path.of("src/test/resources/rest-grpc/payments.proto"), proto);
        rest = new RestPeer();
        port = FreePort.loopback();
    }

    @AfterEach
    void stop() {
        rest.close();
    }

    private String app(String name) {
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  payments: {adapter: grpc, port: " + port + ", proto: \"" + proto + "\", maxMessageBytes: 65536}\n"
                + "  restapi: {adapter: http-client, url: \"" + rest.url() + "\"}\n"
                + "translations:\n  - name: payments-grpc\n"
                + "    expose: {system: payments, protocol: grpc}\n"
                + "    target: {system: restapi, path: /v1}\n    timeout: 2s\n";
    }

    private <T> T bothWays(TwoWayRun.Scenario<T> scenario) throws Exception {
        String name = "upt-" + UUID.randomUUID().toString().substring(0, 8);
        TwoWayRun.Outcomes<T> outcomes = TwoWayRun.run(name + ".udl.yaml", app(name), Map.of(), workDir, scenario);
        assertThat(outcomes.emitted()).as("from the emitted YAML as in process").isEqualTo(outcomes.inProcess());
        return outcomes.inProcess();
    }

    private GrpcCaller caller() {
        return new GrpcCaller(port, proto);
    }

    private static Object tree(String json) {
        return StrictJson.read(json, Object.class);
    }

    @Test
    void everyProto3KindCrossesAsJsonBothWays() throws Exception {
        List<Object> seen = bothWays(app -> {
            rest.requests.clear();
            try (GrpcCaller caller = caller()) {
                GrpcCaller.Result result = caller.call("payments.v1.Payments/Pay", PAYMENT, Map.of(), null);
                GrpcCaller.Result audit = caller.call("payments.v1.Audit/Get", "{\"id\": \"a-1\"}", Map.of(), null);
                RestPeer.Request got = rest.requests.get(0);
                return List.of(result.code(), tree(result.json()), got.verb(), got.uri(),
                        String.valueOf(got.header("Content-Type")), tree(got.body()), audit.code(),
                        rest.requests.get(1).uri());
            }
        });
        assertThat(seen.get(0)).isEqualTo("OK");
        assertThat(seen.get(1)).as("the echoed reply is the request").isEqualTo(tree(PAYMENT));
        assertThat(seen.get(2)).isEqualTo("POST");
        assertThat(seen.get(3)).isEqualTo("/v1/Pay");
        assertThat(seen.get(4)).isEqualTo("application/json");
        assertThat(seen.get(5)).as("the REST service got the request's proto3 JSON").isEqualTo(tree(PAYMENT));
        assertThat(seen.get(6)).isEqualTo("OK");
        assertThat(seen.get(7)).as("a method name two services share goes in full")
                .isEqualTo("/v1/payments.v1.Audit/Get");
    }

    @Test
    void httpStatusesBecomeGrpcStatusesWithTheServicesMessage() throws Exception {
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(Map.entry("400", "INVALID_ARGUMENT"),
                Map.entry("401", "UNAUTHENTICATED"), Map.entry("403", "PERMISSION_DENIED"),
                Map.entry("404", "NOT_FOUND"), Map.entry("409", "ABORTED"), Map.entry("418", "FAILED_PRECONDITION"),
                Map.entry("429", "RESOURCE_EXHAUSTED"), Map.entry("499", "CANCELLED"), Map.entry("500", "INTERNAL"),
                Map.entry("501", "UNIMPLEMENTED"), Map.entry("502", "UNAVAILABLE"), Map.entry("503", "UNAVAILABLE"),
                Map.entry("504", "DEADLINE_EXCEEDED"), Map.entry("505", "UNKNOWN"), Map.entry("302", "UNKNOWN")));
        rest.behaviour = request -> {
            String id = (String) ((Map<?, ?>) tree(request.body())).get("id");
            return switch (id) {
                case "gateway" -> RestPeer.Answer.json(400, "{\"code\": 9, \"message\": \"not in this state\"}");
                case "html" -> new RestPeer.Answer(503, "<html>down</html>", Map.of("Content-Type", "text/html"));
                case "kernel" -> RestPeer.Answer.json(422, "{\"error\": \"amount too high\", \"details\": []}");
                default -> RestPeer.Answer.json(Integer.parseInt(id), "{\"message\": \"status " + id + "\"}");
            };
        };
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            try (GrpcCaller caller = caller()) {
                for (String id : expected.keySet()) {
                    GrpcCaller.Result result = caller.call("payments.v1.Payments/Get", "{\"id\": \"" + id + "\"}",
                            Map.of(), null);
                    out.add(id + " " + result.code() + " " + result.description());
                }
                for (String id : List.of("gateway", "html", "kernel")) {
                    GrpcCaller.Result result = caller.call("payments.v1.Payments/Get", "{\"id\": \"" + id + "\"}",
                            Map.of(), null);
                    out.add(id + " " + result.code() + " " + result.description());
                }
            }
            out.add(counts(app.context().getRegistry().findSingleByType(MeterRegistry.class)));
            return out;
        });
        List<String> lines = new ArrayList<>();
        expected.forEach((status, code) -> lines.add(status + " " + code + " status " + status));
        lines.add("gateway FAILED_PRECONDITION not in this state");
        lines.add("html UNAVAILABLE the REST service answered 503");
        lines.add("kernel FAILED_PRECONDITION amount too high");
        assertThat(seen.subList(0, lines.size())).isEqualTo(lines);
        Map<String, Long> calls = new TreeMap<>();
        expected.values().forEach(code -> calls.merge("payments.v1.Payments/Get " + code, 1L, Long::sum));
        List.of("FAILED_PRECONDITION", "UNAVAILABLE", "FAILED_PRECONDITION")
                .forEach(code -> calls.merge("payments.v1.Payments/Get " + code, 1L, Long::sum));
        assertThat(seen.get(lines.size())).as("one timer count per method and gRPC code").isEqualTo(calls);
    }

    /** The translation's calls by "method status", from its timer. */
    private static Map<String, Long> counts(MeterRegistry registry) {
        Map<String, Long> counts = new TreeMap<>();
        for (Timer timer : registry.find(TranslationMetrics.TIMER).timers()) {
            assertThat(timer.getId().getTag("translation")).isEqualTo("translation-payments-grpc");
            counts.put(timer.getId().getTag("method") + " " + timer.getId().getTag("status"), timer.count());
        }
        return counts;
    }

    @Test
    void theCallersDeadlineAndTheTimeoutBoundTheHttpCall() throws Exception {
        List<Object> seen = bothWays(app -> {
            rest.requests.clear();
            CountDownLatch never = new CountDownLatch(1);
            rest.behaviour = request -> {
                if (((Map<?, ?>) tree(request.body())).get("id").equals("slow")) {
                    try {
                        never.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return RestPeer.Answer.json(200, "{}");
            };
            MeterRegistry registry = app.context().getRegistry().findSingleByType(MeterRegistry.class);
            List<Object> out = new ArrayList<>();
            try (GrpcCaller caller = caller()) {
                caller.call("payments.v1.Payments/Get", "{\"id\": \"fast\"}", Map.of(), Duration.ofMillis(1500));
                long forwarded = Long.parseLong(rest.requests.get(0).header("Grpc-Timeout").replace("m", ""));
                out.add(forwarded > 0 && forwarded <= 1500);
                caller.call("payments.v1.Payments/Get", "{\"id\": \"fast\"}", Map.of(), null);
                out.add(rest.requests.get(1).header("Grpc-Timeout"));
                out.add(caller.call("payments.v1.Payments/Get", "{\"id\": \"slow\"}", Map.of(),
                        Duration.ofMillis(400)).code());
                // the translation gave up on the HTTP call itself, while the REST service still holds it
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ended(registry) == 1);
                GrpcCaller.Result bounded = caller.call("payments.v1.Payments/Get", "{\"id\": \"slow\"}", Map.of(),
                        null);
                out.add(bounded.code() + " " + bounded.description());
            } finally {
                never.countDown();
            }
            return out;
        });
        assertThat(seen.get(0)).as("the caller's deadline forwarded as grpc-timeout").isEqualTo(true);
        assertThat(seen.get(1)).as("no deadline: the translation's timeout").isEqualTo("2000m");
        assertThat(seen.get(2)).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(seen.get(3)).isEqualTo("DEADLINE_EXCEEDED the REST service did not answer within the call's"
                + " deadline");
    }

    /** Calls the translation ended as past their deadline or cancelled. */
    private static long ended(MeterRegistry registry) {
        return registry.find(TranslationMetrics.TIMER).timers().stream()
                .filter(t -> List.of("DEADLINE_EXCEEDED", "CANCELLED").contains(t.getId().getTag("status")))
                .mapToLong(Timer::count).sum();
    }

    @Test
    void metadataCrossOnlyAsGrpcMetadataHeadersAndTheCorrelationIdBothWays() throws Exception {
        rest.behaviour = request -> new RestPeer.Answer(200, "{\"id\": \"r\"}", Map.of("Grpc-Metadata-Region", "eu",
                "Set-Cookie", "s=1", "Grpc-Metadata-Grpc-Status", "0"));
        List<Object> seen = bothWays(app -> {
            rest.requests.clear();
            try (GrpcCaller caller = caller()) {
                GrpcCaller.Result result = caller.call("payments.v1.Payments/Get", "{\"id\": \"m\"}", Map.of(
                        "tenant", "acme", "authorization", "Bearer secret", "x-correlation-id", "corr-m-1",
                        "camelfilename", "/etc/passwd", "udmsource", "forged", "cookie", "c=1"), null);
                return List.of(new TreeMap<>(rest.requests.get(0).headers()), result.metadata());
            }
        });
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) seen.get(0);
        assertThat(headers).containsEntry("grpc-metadata-tenant", "acme")
                .containsEntry("grpc-metadata-authorization", "Bearer secret")
                .containsEntry("grpc-metadata-cookie", "c=1").containsEntry("x-correlation-id", "corr-m-1")
                .doesNotContainKeys("authorization", "cookie", "tenant");
        assertThat(headers.keySet()).noneMatch(k -> k.contains("camel") || k.contains("udm")
                || k.equals("grpc-metadata-user-agent") || k.equals("grpc-metadata-x-correlation-id"));
        @SuppressWarnings("unchecked")
        Map<String, String> metadata = (Map<String, String>) seen.get(1);
        assertThat(metadata).containsEntry("region", "eu").containsEntry("x-correlation-id", "corr-m-1")
                .doesNotContainKeys("set-cookie", "grpc-metadata-region");
    }

    @Test
    void badRepliesAndUnknownOrStreamingMethodsGetTheirStatusAndNothingIsMadeUp() throws Exception {
        rest.behaviour = request -> switch ((String) ((Map<?, ?>) tree(request.body())).get("id")) {
            case "extra" -> RestPeer.Answer.json(200, "{\"id\": \"x\", \"colour\": \"red\"}");
            case "text" -> RestPeer.Answer.json(200, "hello");
            case "wrong" -> RestPeer.Answer.json(200, "{\"sequence\": \"many\"}");
            case "big" -> RestPeer.Answer.json(200, "{\"id\": \"" + "x".repeat(70_000) + "\"}");
            case "empty" -> RestPeer.Answer.json(204, "");
            default -> RestPeer.Answer.json(200, "{}");
        };
        List<Object> seen = bothWays(app -> {
            rest.requests.clear();
            List<Object> out = new ArrayList<>();
            try (GrpcCaller caller = caller()) {
                for (String id : List.of("extra", "text", "wrong", "big", "empty")) {
                    GrpcCaller.Result result = caller.call("payments.v1.Payments/Get", "{\"id\": \"" + id + "\"}",
                            Map.of(), null);
                    out.add(result.code() + " " + result.description());
                }
                int sent = rest.requests.size();
                out.add(caller.call("payments.v1.Payments/Refund", "{\"id\": \"r\"}", Map.of(), null).code());
                GrpcCaller.Result streaming = caller.call("payments.v1.Payments/History", "{\"id\": \"h\"}", Map.of(),
                        null);
                out.add(streaming.code() + " " + streaming.description());
                out.add(rest.requests.size() - sent);
            }
            return out;
        });
        assertThat((String) seen.get(0)).startsWith("INTERNAL the REST reply to POST /v1/payments.v1.Payments/Get does not fit"
                + " payments.v1.Payment").contains("colour");
        assertThat((String) seen.get(1)).startsWith("INTERNAL the REST reply to POST /v1/payments.v1.Payments/Get does not fit");
        assertThat((String) seen.get(2)).startsWith("INTERNAL the REST reply to POST /v1/payments.v1.Payments/Get does not fit")
                .contains("\"many\"");
        assertThat((String) seen.get(3)).isEqualTo("RESOURCE_EXHAUSTED the REST reply is larger than 65536 bytes"
                + " (the grpc system's maxMessageBytes)");
        assertThat(seen.get(4)).as("no content: the empty message").isEqualTo("OK ");
        assertThat(seen.get(5)).isEqualTo("UNIMPLEMENTED");
        assertThat((String) seen.get(6)).startsWith("UNIMPLEMENTED payments.v1.Payments/History is a");
        assertThat(seen.get(7)).as("nothing sent for an unknown or a streaming method").isEqualTo(0);
        for (Object line : seen) {
            assertThat(String.valueOf(line)).as("no Java exception text, no address").doesNotContain("Exception")
                    .doesNotContain("127.0.0.1");
        }
    }
}
