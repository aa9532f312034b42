package io.unikernal.translate.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unikernal.adapter.grpc.component.ProtoContract;
import io.unikernal.adapter.grpc.component.ProtoMethod;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC callers, Thrift service, end to end on loopback: a grpc-java client (DynamicMessage marshallers) calls the
 * translation's gRPC port, which calls a real libthrift server ({@link ShopThriftServer}); each scenario runs in
 * process and from the emitted Camel YAML ({@link TwoWayRun}) and must see the same.
 */
class GrpcToThriftTest {

    /** shop.proto's Order with every type, in proto3 JSON (64-bit integers as strings). */
    private static final String ORDER = """
            {"id": "o-1", "priority": -7, "count": -300, "total": "2000000000", "sequence": "-9223372036854775808",
             "weight": 2.5, "gift": true, "signature": "AAEC/w==",
             "lines": [{"sku": "a", "quantity": 3, "price": {"units": "-3", "nanos": 5, "currency": "USD"}}],
             "labels": {"k": "9007199254740993"}, "tier": "GOLD", "tiers": ["BRONZE", "SILVER"],
             "totals": {"7": {"units": "12", "currency": "EUR"}}, "noteText": "hi",
             "email": "a@example.org"}
            """;

    @TempDir
    Path workDir;
    private Path idl;
    private Path proto;
    private ShopThriftServer thrift;
    private int port;

    @BeforeEach
    void start() throws Exception {
        idl = Files.copy(Path.of("src/test/resources/thrift-grpc/shop.thrift"), workDir.resolve("shop.thrift"));
        proto = Files.copy(Path.of("src/test/resources/thrift-grpc/shop.proto"), workDir.resolve("shop.proto"));
        thrift = new ShopThriftServer();
        port = FreePort.loopback();
    }

    @AfterEach
    void stop() {
        thrift.close();
    }

    private <T> T bothWays(TwoWayRun.Scenario<T> scenario) throws Exception {
        return bothWays(thrift.address(), scenario);
    }

    private <T> T bothWays(String thriftAddress, TwoWayRun.Scenario<T> scenario) throws Exception {
        return bothWays(thriftAddress, "5s", scenario);
    }

    private <T> T bothWays(String thriftAddress, String timeout, TwoWayRun.Scenario<T> scenario) throws Exception {
        String name = "upt-" + UUID.randomUUID().toString().substring(0, 8);
        String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                + "  api: {adapter: grpc, proto: \"" + proto + "\", port: " + port + "}\n"
                + "  shop: {adapter: thrift, idl: \"" + idl + "\", address: \"" + thriftAddress + "\"}\n"
                + "translations:\n  - name: shop\n    expose: {system: api, protocol: grpc}\n"
                + "    target: {system: shop}\n    timeout: " + timeout + "\n";
        TwoWayRun.Outcomes<T> outcomes = TwoWayRun.run(name + ".udl.yaml", udl, Map.of(), workDir, scenario);
        assertThat(outcomes.emitted()).as("from the emitted YAML as in process").isEqualTo(outcomes.inProcess());
        return outcomes.inProcess();
    }

    /** Calls a method of shop.proto (or any name, with Ping's types) and answers the reply as proto3 JSON. */
    private String call(String method, String json, Metadata headers, AtomicReference<Metadata> replyHeaders)
            throws Exception {
        ProtoContract contract = ProtoContract.load(proto);
        ProtoMethod known = contract.methods().get(method);
        Descriptor input = known != null ? known.input() : contract.methods().get("shop.v1.Shop/Ping").input();
        Descriptor output = known != null ? known.output() : input;
        MethodDescriptor<DynamicMessage, DynamicMessage> descriptor = MethodDescriptor
                .<DynamicMessage, DynamicMessage>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(method)
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(input)))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(output))).build();
        DynamicMessage.Builder request = DynamicMessage.newBuilder(input);
        JsonFormat.parser().merge(json, request);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            AtomicReference<Metadata> trailers = new AtomicReference<>();
            var intercepted = ClientInterceptors.intercept(channel,
                    MetadataUtils.newAttachHeadersInterceptor(headers == null ? new Metadata() : headers),
                    MetadataUtils.newCaptureMetadataInterceptor(replyHeaders == null ? new AtomicReference<>()
                            : replyHeaders, trailers));
            DynamicMessage reply = ClientCalls.blockingUnaryCall(intercepted, descriptor,
                    io.grpc.CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), request.build());
            return JsonFormat.printer().omittingInsignificantWhitespace().print(reply);
        } catch (StatusRuntimeException e) {
            // one id per call: the same in both runs once it is known to be there
            return e.getStatus().getCode() + ": " + String.valueOf(e.getStatus().getDescription())
                    .replaceAll("correlationId=\\S+", "correlationId=<id>");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private String call(String method, String json) throws Exception {
        return call(method, json, null, null);
    }

    @Test
    void everyTypeCrossesBothWaysWithTheCorrelationIdBack() throws Exception {
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("x-correlation-id", Metadata.ASCII_STRING_MARSHALLER), "corr-77");
            AtomicReference<Metadata> replyHeaders = new AtomicReference<>();
            out.add(StrictJson.read(call("shop.v1.Shop/Place", ORDER, headers, replyHeaders), Map.class));
            out.add(replyHeaders.get().get(Metadata.Key.of("x-correlation-id", Metadata.ASCII_STRING_MARSHALLER)));
            out.add(call("shop.v1.Shop/Count", "{\"sku\": \"a\", \"limit\": -2147483648}"));
            out.add(call("shop.v1.Shop/Ping", "{}"));
            return out;
        });
        assertThat(seen.get(0)).as("the Thrift service's echo, as shop.proto's Order")
                .isEqualTo(StrictJson.read(ORDER, Map.class));
        assertThat(seen.get(1)).isEqualTo("corr-77");
        assertThat(seen.get(2)).isEqualTo("{\"count\":7}");
        assertThat(seen.get(3)).isEqualTo("{}");
        // what the Thrift service got, read off the wire by hand
        assertThat(thrift.calls).hasSize(6);
        assertThat(thrift.calls.get(0).arguments()).isEqualTo(Map.of("order", ThriftToGrpcTest.order("o-1")));
        assertThat(thrift.calls.get(1).arguments()).isEqualTo(Map.of("sku", "a", "limit", (long) Integer.MIN_VALUE));
        assertThat(thrift.calls.get(2).method()).isEqualTo("ping");
    }

    @Test
    void narrowingIsRangeCheckedAndNotForwarded() throws Exception {
        List<Object> seen = bothWays(app -> List.of(
                call("shop.v1.Shop/Place", ORDER.replace("\"quantity\": 3", "\"quantity\": 70000")),
                call("shop.v1.Shop/Place", ORDER.replace("\"priority\": -7", "\"priority\": -129")),
                call("shop.v1.Shop/Place", ORDER.replace("\"priority\": -7", "\"priority\": -128"))
                        .contains("\"priority\":-128")));
        assertThat(seen).containsExactly(
                "INVALID_ARGUMENT: request.lines[0].quantity is 70000, outside i16 (-32768..32767)",
                "INVALID_ARGUMENT: request.priority is -129, outside i8 (-128..127)", true);
        assertThat(thrift.calls).as("only the call that fits reached the Thrift service").hasSize(2);
    }

    @Test
    void declaredExceptionsBecomeStatusesAndUnknownMethodsAreUnimplemented() throws Exception {
        thrift.behaviours.put("place", arguments -> {
            Object id = ((Map<?, ?>) arguments.get("order")).get("id");
            throw id.equals("missing") ? new ShopThriftServer.Throw("notFound", Map.of("message", "no order missing"))
                    : new ShopThriftServer.Throw("failure", Map.of("code", 9, "message", "the shop is closed"));
        });
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            out.add(call("shop.v1.Shop/Place", ORDER.replace("\"o-1\"", "\"missing\"")));
            out.add(call("shop.v1.Shop/Place", ORDER));
            out.add(call("shop.v1.Shop/Refund", "{}"));
            out.add(call("shop.v1.Shop/Ping", "{}"));
            out.add(counts(app.context().getRegistry().findSingleByType(MeterRegistry.class)));
            return out;
        });
        assertThat(seen.get(0)).isEqualTo("NOT_FOUND: NotFound {\"message\":\"no order missing\"}");
        assertThat(seen.get(1)).as("an exception with a code field: the code it holds")
                .isEqualTo("FAILED_PRECONDITION: Failure {\"code\":9,\"message\":\"the shop is closed\"}");
        assertThat((String) seen.get(2)).startsWith("UNIMPLEMENTED: ");
        assertThat(seen.get(3)).isEqualTo("{}");
        assertThat(seen.get(4)).isEqualTo(Map.of("shop.v1.Shop/Place 404", 1L, "shop.v1.Shop/Place 400", 1L,
                "shop.v1.Shop/Ping 200", 1L));
    }

    @Test
    void aMessageThatDoesNotFitAndAServiceThatIsDownAreAnsweredInGrpcTerms() throws Exception {
        List<Object> seen = bothWays("127.0.0.1:" + FreePort.loopback(), app -> List.of(
                call("shop.v1.Shop/Ping", "{}"),
                call("shop.v1.Shop/Count", "{\"sku\": \"a\"}")));
        assertThat(seen.get(0)).isEqualTo("UNAVAILABLE: the Thrift service cannot be reached; correlationId=<id>");
        assertThat(seen.get(1)).isEqualTo("UNAVAILABLE: the Thrift service cannot be reached; correlationId=<id>");
    }

    @Test
    void aCallPastTheTranslationsTimeoutIsDeadlineExceeded() throws Exception {
        thrift.behaviours.put("ping", arguments -> {
            try {
                Thread.sleep(1500); // the service is slow: longer than the translation's timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        List<Object> seen = bothWays(thrift.address(), "300ms", app -> List.of(call("shop.v1.Shop/Ping", "{}")));
        assertThat(seen).containsExactly("DEADLINE_EXCEEDED: the Thrift service did not answer in time;"
                + " correlationId=<id>");
    }

    private static Map<String, Long> counts(MeterRegistry registry) {
        Map<String, Long> counts = new TreeMap<>();
        for (Timer timer : registry.find(TranslationMetrics.TIMER).timers()) {
            assertThat(timer.getId().getTag("translation")).startsWith("translation-shop-");
            counts.put(timer.getId().getTag("method") + " " + timer.getId().getTag("status"), timer.count());
        }
        return counts;
    }
}
