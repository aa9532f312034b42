package io.unikernal.translate.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.translate.rest.PaymentsPeer;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TApplicationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thrift callers, gRPC service, end to end on loopback: a libthrift client ({@link ShopThriftClient}) calls the
 * translation's Thrift port, which calls a real grpc-java server ({@link PaymentsPeer}, every method of shop.proto);
 * each scenario runs in process and from the emitted Camel YAML ({@link TwoWayRun}) and must see the same.
 */
class ThriftToGrpcTest {

    @TempDir
    Path workDir;
    private Path idl;
    private Path proto;
    private PaymentsPeer peer;
    private int port;

    @BeforeEach
    void start() throws Exception {
        idl = Files.copy(Path.of("src/test/resources/thrift-grpc/shop.thrift"), workDir.resolve("shop.thrift"));
        proto = Files.copy(Path.of("src/test/resources/thrift-grpc/shop.proto"), workDir.resolve("shop.proto"));
        peer = new PaymentsPeer(proto);
        port = FreePort.loopback();
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
    }

    private <T> T bothWays(TwoWayRun.Scenario<T> scenario) throws Exception {
        return bothWays(peer.address(), scenario);
    }

    private <T> T bothWays(String grpcAddress, TwoWayRun.Scenario<T> scenario) throws Exception {
        return bothWays(grpcAddress, "5s", scenario);
    }

    private <T> T bothWays(String grpcAddress, String timeout, TwoWayRun.Scenario<T> scenario) throws Exception {
        String name = "upt-" + UUID.randomUUID().toString().substring(0, 8);
        String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                + "  shop: {adapter: thrift, idl: \"" + idl + "\", port: " + port + "}\n"
                + "  orders: {adapter: grpc, address: \"" + grpcAddress + "\", proto: \"" + proto + "\"}\n"
                + "translations:\n  - name: shop\n    expose: {system: shop, protocol: thrift}\n"
                + "    target: {system: orders}\n    timeout: " + timeout + "\n";
        TwoWayRun.Outcomes<T> outcomes = TwoWayRun.run(name + ".udl.yaml", udl, Map.of(), workDir, scenario);
        assertThat(outcomes.emitted()).as("from the emitted YAML as in process").isEqualTo(outcomes.inProcess());
        return outcomes.inProcess();
    }

    static Map<String, Object> money(long units, int nanos, String currency) {
        Map<String, Object> money = new LinkedHashMap<>();
        money.put("units", units);
        money.put("nanos", nanos);
        money.put("currency", currency);
        return money;
    }

    /** An Order with every type of shop.thrift, at the edges of their ranges. */
    static Map<String, Object> order(String id) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", id);
        order.put("priority", (byte) -7);
        order.put("count", (short) -300);
        order.put("total", 2_000_000_000);
        order.put("sequence", Long.MIN_VALUE);
        order.put("weight", 2.5);
        order.put("gift", true);
        order.put("signature", ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", "a");
        line.put("quantity", (short) 3);
        line.put("price", money(-3, 5, "USD"));
        order.put("lines", List.of(line));
        order.put("labels", Map.of("k", 9007199254740993L));
        order.put("tier", "GOLD");
        order.put("tiers", List.of("BRONZE", "SILVER"));
        order.put("totals", Map.of(7, money(12, 0, "EUR")));
        order.put("note_text", "hi");
        order.put("email", "a@example.org");
        return order;
    }

    private static Object field(DynamicMessage message, String name) {
        return message.getField(message.getDescriptorForType().findFieldByName(name));
    }

    private static DynamicMessage with(DynamicMessage message, String name, Object value) {
        return message.toBuilder().setField(message.getDescriptorForType().findFieldByName(name), value).build();
    }

    @Test
    void everyTypeCrossesBothWaysWithArgumentsAsFieldsAndVoid() throws Exception {
        peer.behaviours.put("shop.v1.Shop/Place", (request, headers) -> List.of(with(request, "id",
                "placed-" + field(request, "id"))));
        peer.behaviours.put("shop.v1.Shop/Count", (request, headers) -> {
            DynamicMessage.Builder reply = DynamicMessage.newBuilder(
                    request.getDescriptorForType().getFile().findMessageTypeByName("CountReply"));
            reply.setField(reply.getDescriptorForType().findFieldByName("count"),
                    ((Integer) field(request, "limit")) * 2);
            return List.of(reply.build());
        });
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            try (ShopThriftClient client = new ShopThriftClient(port)) {
                out.add(client.call(ShopWire.PLACE, Map.of("order", order("o-1"))));
                out.add(client.call(ShopWire.COUNT, Map.of("sku", "a", "limit", 21L)));
                out.add(String.valueOf(client.call(ShopWire.PING, Map.of())));
            }
            return out;
        });
        Map<String, Object> expected = order("placed-o-1");
        assertThat(seen.get(0)).as("the reply read back as shop.thrift's Order").isEqualTo(expected);
        assertThat(seen.get(1)).isEqualTo(42);
        assertThat(seen.get(2)).isEqualTo("null");

        // what the gRPC service got, read with protobuf's own API
        assertThat(peer.calls).hasSize(6);
        DynamicMessage got = peer.calls.get(0).request();
        assertThat(peer.calls.get(0).method()).isEqualTo("shop.v1.Shop/Place");
        assertThat(field(got, "priority")).isEqualTo(-7);
        assertThat(field(got, "count")).isEqualTo(-300);
        assertThat(field(got, "total")).isEqualTo(2_000_000_000L);
        assertThat(field(got, "sequence")).isEqualTo(Long.MIN_VALUE);
        assertThat(field(got, "weight")).isEqualTo(2.5);
        assertThat(field(got, "gift")).isEqualTo(true);
        assertThat(field(got, "signature")).isEqualTo(ByteString.copyFrom(new byte[] {0, 1, 2, (byte) 0xff}));
        assertThat(((EnumValueDescriptor) field(got, "tier")).getName()).isEqualTo("GOLD");
        assertThat(((List<?>) field(got, "tiers")).stream().map(v -> ((EnumValueDescriptor) v).getName()))
                .containsExactly("BRONZE", "SILVER");
        assertThat(field(got, "noteText")).as("note_text is noteText").isEqualTo("hi");
        assertThat(field(got, "email")).isEqualTo("a@example.org");
        assertThat(got.hasField(got.getDescriptorForType().findFieldByName("phone"))).isFalse();
        DynamicMessage line = (DynamicMessage) ((List<?>) field(got, "lines")).get(0);
        assertThat(field(line, "quantity")).isEqualTo(3);
        assertThat(field((DynamicMessage) field(line, "price"), "units")).isEqualTo(-3L);
        DynamicMessage label = (DynamicMessage) ((List<?>) field(got, "labels")).get(0);
        assertThat(field(label, "key")).isEqualTo("k");
        assertThat(field(label, "value")).isEqualTo(9007199254740993L);
        DynamicMessage total = (DynamicMessage) ((List<?>) field(got, "totals")).get(0);
        assertThat(field(total, "key")).isEqualTo(7);
        assertThat(field((DynamicMessage) field(total, "value"), "currency")).isEqualTo("EUR");
        DynamicMessage count = peer.calls.get(1).request();
        assertThat(field(count, "sku")).isEqualTo("a");
        assertThat(field(count, "limit")).isEqualTo(21);
        assertThat(peer.calls.get(2).method()).isEqualTo("shop.v1.Shop/Ping");
        assertThat(peer.calls.get(0).header("x-correlation-id")).as("Thrift carries none: the translation draws"
                + " one per call").isNotBlank();
        assertThat(peer.calls.get(1).header("x-correlation-id")).isNotEqualTo(peer.calls.get(0)
                .header("x-correlation-id"));
    }

    @Test
    void narrowingIsRangeCheckedBothWays() throws Exception {
        peer.behaviours.put("shop.v1.Shop/Place", (request, headers) -> List.of(with(request, "total", 1L << 40)));
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            try (ShopThriftClient client = new ShopThriftClient(port)) {
                out.add(failure(() -> client.call(ShopWire.COUNT, Map.of("sku", "a", "limit", 1L << 40))));
                out.add(failure(() -> client.call(ShopWire.PLACE, Map.of("order", order("o-2")))));
                out.add(client.call(ShopWire.COUNT, Map.of("sku", "a", "limit", (long) Integer.MIN_VALUE)));
                Map<String, Object> both = order("o-3");
                both.put("phone", "+1");
                out.add(failure(() -> client.call(ShopWire.PLACE, Map.of("order", both))));
            }
            return out;
        });
        assertThat(seen.get(0)).isEqualTo("TApplicationException " + TApplicationException.PROTOCOL_ERROR
                + ": the arguments do not fit Shop.count: arguments.limit is 1099511627776, outside int32"
                + " (-2147483648..2147483647)");
        assertThat(seen.get(1)).as("INTERNAL, answered by the exception with a code field").isEqualTo("failure"
                + " {code=13, message=the service's reply does not fit the caller's contract: reply.total is"
                + " 1099511627776, outside i32 (-2147483648..2147483647)}");
        assertThat(seen.get(2)).as("the edge itself fits").isEqualTo(0);
        assertThat((String) seen.get(3)).as("two members of one oneof: INVALID_ARGUMENT, answered by the exception"
                + " with a code field").startsWith("failure {code=3, message=").contains("email")
                .contains("phone").contains("contact").doesNotContain("127.0.0.1");
        assertThat(peer.calls.stream().map(PaymentsPeer.Call::method)).as("the refused count was not forwarded")
                .containsExactly("shop.v1.Shop/Place", "shop.v1.Shop/Count", "shop.v1.Shop/Place",
                        "shop.v1.Shop/Count");
    }

    @Test
    void statusesBecomeTheDeclaredExceptionsThatFitAndUnknownMethodsAreRefused() throws Exception {
        peer.behaviours.put("shop.v1.Shop/Place", (request, headers) -> {
            throw (field(request, "id").equals("missing") ? Status.NOT_FOUND.withDescription("no order missing")
                    : Status.PERMISSION_DENIED.withDescription("not yours")).asRuntimeException();
        });
        peer.behaviours.put("shop.v1.Shop/Count", (request, headers) -> {
            throw Status.NOT_FOUND.withDescription("no such sku").asRuntimeException();
        });
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            try (ShopThriftClient client = new ShopThriftClient(port)) {
                out.add(failure(() -> client.call(ShopWire.PLACE, Map.of("order", order("missing")))));
                out.add(failure(() -> client.call(ShopWire.PLACE, Map.of("order", order("other")))));
                out.add(failure(() -> client.call(ShopWire.COUNT, Map.of("sku", "b", "limit", 1L))));
                out.add(failure(() -> client.call("refund", ShopWire.PING, Map.of())));
                out.add(client.call(ShopWire.PING, Map.of()) == null);
            }
            out.add(counts(app.context().getRegistry().findSingleByType(MeterRegistry.class)));
            return out;
        });
        assertThat(seen.get(0)).isEqualTo("notFound {message=no order missing}");
        assertThat(seen.get(1)).as("no exception named after PERMISSION_DENIED: the one with a code field")
                .isEqualTo("failure {code=7, message=not yours}");
        assertThat(seen.get(2)).isEqualTo("TApplicationException " + TApplicationException.INTERNAL_ERROR
                + ": gRPC status NOT_FOUND: no such sku; correlationId=<id>");
        assertThat(seen.get(3)).isEqualTo("TApplicationException " + TApplicationException.UNKNOWN_METHOD
                + ": Invalid method name: 'refund'");
        assertThat(seen.get(4)).as("the connection goes on").isEqualTo(true);
        assertThat(seen.get(5)).isEqualTo(Map.of("Shop.place 403", 1L, "Shop.place 404", 1L, "Shop.count 404", 1L,
                "Shop.ping 200", 1L));
    }

    @Test
    void argumentsThatDoNotFitTheIdlAndAServiceThatIsDownAreAnsweredInThriftTerms() throws Exception {
        List<Object> seen = bothWays("127.0.0.1:" + FreePort.loopback(), app -> {
            List<Object> out = new ArrayList<>();
            try (ShopThriftClient client = new ShopThriftClient(port)) {
                // count's arguments sent as place: field 1 is a string where place takes an Order
                out.add(failure(() -> client.call("place", ShopWire.COUNT, Map.of("sku", "a", "limit", 1L))));
                out.add(failure(() -> client.call(ShopWire.PLACE, Map.of("order", order("o-4")))));
                out.add(failure(() -> client.call(ShopWire.COUNT, Map.of("sku", "a", "limit", 1L))));
            }
            return out;
        });
        assertThat((String) seen.get(0)).as("refused by the thrift adapter before the route").startsWith(
                "TApplicationException " + TApplicationException.PROTOCOL_ERROR + ": the arguments do not fit"
                        + " Shop.place: arguments.order (field 1) came as string, the IDL says Order");
        assertThat(seen.get(1)).as("UNAVAILABLE, answered by the exception with a code field")
                .isEqualTo("failure {code=14, message=the gRPC service cannot be reached}");
        assertThat((String) seen.get(2)).isEqualTo("TApplicationException " + TApplicationException.INTERNAL_ERROR
                + ": gRPC status UNAVAILABLE: the gRPC service cannot be reached; correlationId=<id>");
        assertThat(peer.calls).isEmpty();
    }

    @Test
    void aCallPastTheTranslationsTimeoutIsDeadlineExceeded() throws Exception {
        peer.behaviours.put("shop.v1.Shop/Ping", (request, headers) -> {
            try {
                Thread.sleep(1500); // the service is slow: longer than the translation's timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(request);
        });
        List<Object> seen = bothWays(peer.address(), "300ms", app -> {
            try (ShopThriftClient client = new ShopThriftClient(port)) {
                return List.of(failure(() -> client.call(ShopWire.PING, Map.of()))
                        .replaceAll("DEADLINE_EXCEEDED: .*; correlationId", "DEADLINE_EXCEEDED: ...; correlationId"));
            }
        });
        assertThat(seen).containsExactly("TApplicationException " + TApplicationException.INTERNAL_ERROR
                + ": gRPC status DEADLINE_EXCEEDED: ...; correlationId=<id>");
    }

    @FunctionalInterface
    interface Call {
        Object run() throws Exception;
    }

    /** How a call failed, in words a test can compare. */
    static String failure(Call call) {
        try {
            return "answered " + call.run();
        } catch (TApplicationException e) {
            // one id per call: the same in both runs once it is known to be there
            return "TApplicationException " + e.getType() + ": " + e.getMessage()
                    .replaceAll("correlationId=[^;\\s]+", "correlationId=<id>");
        } catch (ShopThriftClient.Declared e) {
            return e.field + " " + new TreeMap<>(e.fields);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static Map<String, Long> counts(MeterRegistry registry) {
        Map<String, Long> counts = new TreeMap<>();
        for (Timer timer : registry.find(TranslationMetrics.TIMER).timers()) {
            assertThat(timer.getId().getTag("translation")).startsWith("translation-shop-");
            assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
            counts.put(timer.getId().getTag("method") + " " + timer.getId().getTag("status"), timer.count());
        }
        return counts;
    }
}
