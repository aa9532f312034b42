package io.unikernal.translate.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REST to gRPC end to end on loopback: a JDK HttpClient calls the translation of a UDL app, which calls a real
 * grpc-java server ({@link PaymentsPeer}); each scenario runs in process and from the emitted Camel YAML under plain
 * Camel Main ({@link TwoWayRun}) and must see the same.
 */
class RestToGrpcTest {

    /** Every proto3 kind; the JSON as JsonFormat prints it (64-bit integers as strings, enums by name). */
    private static final String PAYMENT = """
            {"id": "p-1", "amount": {"units": "9007199254740993", "nanos": 500000000, "currency": "EUR"},
             "lines": [{"sku": "a", "quantity": 4294967295, "price": {"units": "-3", "currency": "USD"}}],
             "labels": {"tier": "gold"}, "iban": "DE89370400440532013000", "sequence": "-9223372036854775808",
             "big": "18446744073709551615", "signature": "AAEC/w==", "at": "2024-05-01T10:00:00.250Z",
             "hold": "1.500s", "extra": {"k": [1, "two", true, null]}, "note": "hi", "limit": "42",
             "accepted": ["EUR", "USD"], "totals": {"eur": {"units": "7", "currency": "EUR"}}}
            """;

    @TempDir
    Path workDir;
    private Path proto;
    private PaymentsPeer peer;
    private int port;

    @BeforeEach
    void start() throws Exception {
        proto = workDir.resolve("payments.proto");
        Files.copy(Path.of("src/test/resources/rest-grpc/payments.proto"), proto);
        peer = new PaymentsPeer(proto);
        port = FreePort.loopback();
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
    }

    private String app(String name) {
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  api: {adapter: http, port: " + port + ", maxBodyBytes: 4096}\n"
                + "  payments: {adapter: grpc, address: \"" + peer.address() + "\", proto: \"" + proto + "\"}\n"
                + "translations:\n  - name: payments-rest\n"
                + "    expose: {system: api, protocol: rest, path: /payments}\n"
                + "    target: {system: payments}\n    timeout: 5s\n";
    }

    private static String name() {
        return "upt-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private <T> T bothWays(TwoWayRun.Scenario<T> scenario) throws Exception {
        String name = name();
        TwoWayRun.Outcomes<T> outcomes = TwoWayRun.run(name + ".udl.yaml", app(name), Map.of(), workDir, scenario);
        assertThat(outcomes.emitted()).as("from the emitted YAML as in process").isEqualTo(outcomes.inProcess());
        return outcomes.inProcess();
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return RestCaller.send(port, "POST", path, body, headers);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) {
        return StrictJson.read(response.body(), Map.class);
    }

    @Test
    void everyProto3KindCrossesBothWaysAtBothPaths() throws Exception {
        peer.behaviours.put("payments.v1.Payments/Pay", (request, headers) -> List.of(request.toBuilder()
                .setField(request.getDescriptorForType().findFieldByName("id"), "paid-" + request.getField(
                        request.getDescriptorForType().findFieldByName("id"))).build()));
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            for (String path : List.of("/payments/Pay", "/payments/payments.v1.Payments/Pay")) {
                HttpResponse<String> response = post(path, PAYMENT);
                out.add(response.statusCode());
                out.add(response.headers().firstValue("Content-Type").orElse(""));
                out.add(json(response));
            }
            return out;
        });
        assertThat(seen.get(0)).isEqualTo(200);
        assertThat(seen.get(1)).isEqualTo("application/json");
        Map<?, ?> reply = (Map<?, ?>) seen.get(2);
        assertThat(reply.get("id")).isEqualTo("paid-p-1");
        assertThat(reply.get("amount")).isEqualTo(Map.of("units", "9007199254740993", "nanos", 500000000L,
                "currency", "EUR"));
        assertThat(reply.get("sequence")).isEqualTo("-9223372036854775808");
        assertThat(reply.get("big")).isEqualTo("18446744073709551615");
        assertThat(reply.get("signature")).isEqualTo("AAEC/w==");
        assertThat(reply.get("at")).isEqualTo("2024-05-01T10:00:00.250Z");
        assertThat(reply.get("hold")).isEqualTo("1.500s");
        assertThat(reply.get("extra")).isEqualTo(Map.of("k", java.util.Arrays.asList(
                new java.math.BigDecimal("1.0"), "two", true, null))); // a Struct's numbers are doubles
        assertThat(reply.get("note")).isEqualTo("hi");
        assertThat(reply.get("limit")).isEqualTo("42");
        assertThat(reply.get("iban")).isEqualTo("DE89370400440532013000");
        assertThat(reply.containsKey("card")).as("the oneof's other member is not printed").isFalse();
        assertThat(reply.get("accepted")).isEqualTo(List.of("EUR", "USD"));
        assertThat(reply.get("labels")).isEqualTo(Map.of("tier", "gold"));
        assertThat(((Map<?, ?>) ((Map<?, ?>) reply.get("totals")).get("eur")).get("units")).isEqualTo("7");
        assertThat(((Map<?, ?>) ((List<?>) reply.get("lines")).get(0)).get("quantity")).isEqualTo(4294967295L);
        assertThat(seen.get(5)).as("the package.Service/Method path answers the same").isEqualTo(reply);

        // what the service got, read with protobuf's own API
        assertThat(peer.calls).hasSize(4);
        DynamicMessage got = peer.calls.get(0).request();
        assertThat(field(got, "sequence")).isEqualTo(Long.MIN_VALUE);
        assertThat(field(got, "big")).isEqualTo(-1L); // 2^64 - 1 as Java's signed long
        assertThat(field(got, "signature")).isEqualTo(ByteString.copyFrom(new byte[] {0, 1, 2, (byte) 0xff}));
        DynamicMessage at = (DynamicMessage) field(got, "at");
        assertThat(field(at, "seconds")).isEqualTo(1714557600L);
        assertThat(field(at, "nanos")).isEqualTo(250_000_000);
        DynamicMessage amount = (DynamicMessage) field(got, "amount");
        assertThat(field(amount, "units")).isEqualTo(9007199254740993L);
        assertThat(got.getOneofFieldDescriptor(got.getDescriptorForType().getOneofs().get(0)).getName())
                .isEqualTo("iban");
    }

    private static Object field(DynamicMessage message, String name) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
        Object value = message.getField(field);
        return value instanceof com.google.protobuf.Descriptors.EnumValueDescriptor e ? e.getName() : value;
    }

    @Test
    void badInputIsRefusedWithItsStatusAndNeverForwarded() throws Exception {
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            out.add(answer(post("/payments/Pay", "{\"id\": ")));
            out.add(answer(post("/payments/Pay", "{\"id\": \"p\", \"colour\": \"red\"}")));
            out.add(answer(post("/payments/Refund", "{}")));
            out.add(answer(post("/payments/Get", "{}")));
            // refused by the app's listener before the translation, with the listener's refusal body
            out.add(Map.of("status", post("/payments/Pay", "{\"id\": \"" + "x".repeat(5000) + "\"}").statusCode()));
            out.add(answer(post("/payments/Upload", "{}")));
            out.add(answer(post("/payments/Pay", "{}", "grpc-timeout", "soon")));
            out.add(answer(post("/payments/Pay", "{\"amount\": {\"units\": \"many\"}}")));
            return out;
        });
        assertThat(status(seen, 0)).isEqualTo(400);
        assertThat(code(seen, 0)).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
        assertThat(status(seen, 1)).isEqualTo(400);
        assertThat(message(seen, 1)).contains("colour").contains("payments.v1.Payment");
        assertThat(status(seen, 2)).isEqualTo(404);
        assertThat(code(seen, 2)).isEqualTo(Status.Code.NOT_FOUND.value());
        assertThat(status(seen, 3)).as("a name two services share is served only in full").isEqualTo(404);
        assertThat(status(seen, 4)).isEqualTo(413);
        assertThat(status(seen, 5)).isEqualTo(501);
        assertThat(code(seen, 5)).isEqualTo(Status.Code.UNIMPLEMENTED.value());
        assertThat(status(seen, 6)).isEqualTo(400);
        assertThat(message(seen, 6)).contains("grpc-timeout");
        assertThat(status(seen, 7)).isEqualTo(400);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(String.valueOf(seen.get(i))).as("no Java exception text").doesNotContain("Exception")
                    .doesNotContain("at io.").doesNotContain("at org.");
        }
        assertThat(peer.calls).as("nothing refused reached the service").isEmpty();
    }

    private static Map<String, Object> answer(HttpResponse<String> response) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", response.statusCode());
        Map<String, Object> body = new LinkedHashMap<>(StrictJson.read(response.body(), Map.class));
        body.remove("correlationId"); // differs between the two runs
        out.put("body", body);
        return out;
    }

    private static int status(List<Object> seen, int i) {
        return (Integer) ((Map<?, ?>) seen.get(i)).get("status");
    }

    private static Object code(List<Object> seen, int i) {
        Object code = ((Map<?, ?>) ((Map<?, ?>) seen.get(i)).get("body")).get("code");
        return code instanceof Number n ? n.intValue() : code;
    }

    private static String message(List<Object> seen, int i) {
        return String.valueOf(((Map<?, ?>) ((Map<?, ?>) seen.get(i)).get("body")).get("message"));
    }

    @Test
    void grpcStatusesBecomeGrpcGatewaysHttpStatuses() throws Exception {
        Map<Status.Code, Integer> expected = new LinkedHashMap<>();
        expected.put(Status.Code.INVALID_ARGUMENT, 400);
        expected.put(Status.Code.NOT_FOUND, 404);
        expected.put(Status.Code.ALREADY_EXISTS, 409);
        expected.put(Status.Code.PERMISSION_DENIED, 403);
        expected.put(Status.Code.UNAUTHENTICATED, 401);
        expected.put(Status.Code.RESOURCE_EXHAUSTED, 429);
        expected.put(Status.Code.UNAVAILABLE, 503);
        expected.put(Status.Code.DEADLINE_EXCEEDED, 504);
        expected.put(Status.Code.UNIMPLEMENTED, 501);
        expected.put(Status.Code.FAILED_PRECONDITION, 400);
        expected.put(Status.Code.INTERNAL, 500);
        expected.put(Status.Code.DATA_LOSS, 500);
        peer.behaviours.put("payments.v1.Payments/Get", (request, headers) -> {
            Status.Code code = Status.Code.valueOf(String.valueOf(request.getField(request.getDescriptorForType()
                    .findFieldByName("id"))));
            throw Status.fromCode(code).withDescription("said the service about " + code).asRuntimeException();
        });
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            for (Status.Code code : expected.keySet()) {
                out.add(answer(post("/payments/payments.v1.Payments/Get", "{\"id\": \"" + code + "\"}")));
            }
            post("/payments/Refund", "{}");
            out.add(counts(app.context().getRegistry().findSingleByType(MeterRegistry.class)));
            return out;
        });
        // per method and status: 12 statuses of Get, and the unknown method under "none"
        Map<String, Long> calls = new java.util.TreeMap<>(Map.of("none 404", 1L));
        expected.values().forEach(status -> calls.merge("payments.v1.Payments/Get " + status, 1L, Long::sum));
        assertThat(seen.get(expected.size())).isEqualTo(calls);
        int i = 0;
        for (Map.Entry<Status.Code, Integer> e : expected.entrySet()) {
            assertThat(status(seen, i)).as(e.getKey().name()).isEqualTo(e.getValue());
            assertThat(code(seen, i)).as(e.getKey().name()).isEqualTo(e.getKey().value());
            assertThat(message(seen, i)).isEqualTo("said the service about " + e.getKey());
            assertThat(((Map<?, ?>) ((Map<?, ?>) seen.get(i)).get("body")).get("details")).isEqualTo(List.of());
            i++;
        }
    }

    /** The translation's calls by "method status", from its timer. */
    private static Map<String, Long> counts(MeterRegistry registry) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Timer timer : registry.find(TranslationMetrics.TIMER).timers()) {
            assertThat(timer.getId().getTag("translation")).isEqualTo("translation-payments-rest");
            assertThat(timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
            counts.put(timer.getId().getTag("method") + " " + timer.getId().getTag("status"), timer.count());
        }
        return counts;
    }

    @Test
    void theCallersDeadlineIsForwardedAndAnsweredWith504() throws Exception {
        peer.behaviours.put("payments.v1.Payments/Get", (request, headers) -> {
            if ("slow".equals(request.getField(request.getDescriptorForType().findFieldByName("id")))) {
                try {
                    Thread.sleep(1500); // the peer's handler outlives the caller's deadline on purpose
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.of(DynamicMessage.getDefaultInstance(request.getDescriptorForType()));
        });
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            out.add(post("/payments/payments.v1.Payments/Get", "{}", "grpc-timeout", "800m").statusCode());
            out.add(post("/payments/payments.v1.Payments/Get", "{}").statusCode());
            Map<String, Object> late = answer(post("/payments/payments.v1.Payments/Get", "{\"id\": \"slow\"}",
                    "grpc-timeout", "300m"));
            ((Map<?, ?>) late.get("body")).remove("message"); // grpc-java's words hold the time it waited
            out.add(late);
            return out;
        });
        assertThat(seen.get(0)).isEqualTo(200);
        assertThat(seen.get(1)).isEqualTo(200);
        assertThat(status(seen, 2)).isEqualTo(504);
        assertThat(code(seen, 2)).isEqualTo(Status.Code.DEADLINE_EXCEEDED.value());
        // in process and from YAML: the header's deadline, then the translation's own timeout (5s)
        for (int run = 0; run < 2; run++) {
            PaymentsPeer.Call withHeader = peer.calls.get(run * 3);
            assertThat(withHeader.header("grpc-timeout")).as("the server saw grpc-timeout").isNotNull();
            assertThat(withHeader.deadlineMillis()).isBetween(1L, 800L);
            PaymentsPeer.Call withTimeout = peer.calls.get(run * 3 + 1);
            assertThat(withTimeout.deadlineMillis()).isBetween(801L, 5000L);
        }
    }

    @Test
    void metadataCrossesThroughTheHeaderFilterAndTheCorrelationIdBothWays() throws Exception {
        peer.replyHeaders.put("x-trace", "t-9");
        List<Object> seen = bothWays(app -> {
            HttpResponse<String> response = post("/payments/payments.v1.Payments/Get", "{\"id\": \"m\"}",
                    "Grpc-Metadata-Tenant", "acme", "Authorization", "Bearer secret", "Cookie", "s=1",
                    "X-Other", "o", "X-Correlation-Id", "corr-7");
            return List.of(response.statusCode(), response.headers().firstValue("Grpc-Metadata-x-trace")
                    .orElse("none"), response.headers().firstValue("X-Correlation-Id").orElse("none"),
                    response.headers().map().keySet().stream().filter(h -> h.equalsIgnoreCase("authorization")
                            || h.equalsIgnoreCase("x-other") || h.equalsIgnoreCase("cookie")).toList());
        });
        assertThat(seen).isEqualTo(List.of(200, "t-9", "corr-7", List.of()));
        for (PaymentsPeer.Call call : peer.calls) {
            assertThat(call.header("tenant")).isEqualTo("acme");
            assertThat(call.header("x-correlation-id")).isEqualTo("corr-7");
            assertThat(call.header("authorization")).as("credentials only when the caller says so").isNull();
            assertThat(call.header("cookie")).isNull();
            assertThat(call.header("x-other")).isNull();
        }
    }

    @Test
    void aServiceThatIsDownIs503AndItsAddressIsNotShown() throws Exception {
        peer.close();
        List<Object> seen = bothWays(app -> List.of(answer(post("/payments/Pay", "{}"))));
        assertThat(status(seen, 0)).isEqualTo(503);
        assertThat(code(seen, 0)).isEqualTo(Status.Code.UNAVAILABLE.value());
        assertThat(message(seen, 0)).doesNotContain("127.0.0.1").doesNotContain(String.valueOf(peer.port));
    }

    @Test
    void aServerStreamAnswersNewlineDelimitedJson() throws Exception {
        peer.behaviours.put("payments.v1.Payments/History", (request, headers) -> {
            List<DynamicMessage> replies = new ArrayList<>();
            FieldDescriptor id = DynamicMessage.getDefaultInstance(peerType()).getDescriptorForType()
                    .findFieldByName("id");
            for (int i = 1; i <= 3; i++) {
                replies.add(DynamicMessage.newBuilder(peerType()).setField(id, "h-" + i).build());
            }
            return replies;
        });
        List<Object> seen = bothWays(app -> {
            HttpResponse<String> response = post("/payments/History", "{\"id\": \"p\"}");
            List<Object> ids = new ArrayList<>();
            for (String line : response.body().split("\n")) {
                ids.add(StrictJson.read(line, Map.class).get("id"));
            }
            return List.of(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), ids);
        });
        assertThat(seen).isEqualTo(List.of(200, "application/x-ndjson", List.of("h-1", "h-2", "h-3")));
    }

    private com.google.protobuf.Descriptors.Descriptor peerType() {
        return io.unikernal.adapter.grpc.component.ProtoContract.load(proto).method("payments.v1.Payments/Pay")
                .output();
    }
}
