package io.unikernal.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.CodedOutputStream;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.unikernal.testkit.probe.ProbeApp;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.FreePort;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A method served by a UDL route, called by a grpc-java client: the reply is the route's body; metadata reach the
 * route as headers through the filter; a route's failure is a status with the kernel's words; what does not fit the
 * method is refused before the route and the server goes on serving.
 */
class GrpcServeTest {

    @TempDir
    Path workDir;

    private final int port = FreePort.loopback();

    private String app(String name, String systemExtra, String steps) {
        Path proto = ContractProto.write(workDir);
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  orders: {adapter: grpc, port: " + port + ", proto: \"" + proto + "\"" + systemExtra + "}\n"
                + "  seen: {adapter: contract-probe}\n  parked: {adapter: contract-probe}\n"
                + "schemas:\n  Big:\n    version: 1\n    fields:\n      id: {type: string, required: true}\n"
                + "      n: {type: int, min: 10}\n"
                + "routes:\n  - name: take\n    from: {system: orders, method: " + ContractProto.TAKE + "}\n"
                + "    steps:\n" + steps + "    deadLetter: parked\n";
    }

    private static String name() {
        return "grpc-serve-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theReplyIsTheRoutesBodyWithTheCallersCorrelationId() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name, "", "      - transform: {set: {note: \"'seen ' + id\","
                + " n: \"n * 2\"}}\n      - to: seen\n"), workDir); PeerClient client = new PeerClient(port)) {
            PeerClient.Reply reply = client.unary(ContractProto.TAKE, ContractProto.order("{\"id\": \"o-1\", \"n\": 21}"),
                    Map.of("x-correlation-id", "corr-o-1"));
            assertThat(ContractProto.json(reply.only())).isEqualTo("{\"id\":\"o-1\",\"n\":42,\"note\":\"seen o-1\"}");
            assertThat(reply.header("x-correlation-id")).isEqualTo("corr-o-1");
        }
    }

    @Test
    void metadataReachTheRouteAsHeadersExceptCamelAndEnvelopeOnes() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name, "", "      - to: seen\n"), workDir);
                PeerClient client = new PeerClient(port)) {
            client.unary(ContractProto.TAKE, ContractProto.order("{\"id\": \"o-2\"}"), Map.of("x-tenant", "acme",
                    "camelfilename", "/etc/passwd", "udmsource", "forged", "udmcaller", "admin"));
            Probes.Record seen = app.recorded("seen").get(0);
            assertThat(seen.body()).isEqualTo(Map.of("id", "o-2", "n", 0L, "note", ""));
            assertThat(seen.headers()).containsEntry("x-tenant", "acme").containsEntry("UdmSource", "orders")
                    .doesNotContainKey("UdmCaller")
                    .satisfies(h -> assertThat(h.keySet()).noneMatch(k -> k.equalsIgnoreCase("camelfilename")));
        }
    }

    @Test
    void aRouteFailureIsAStatusInTheKernelsWordsAndTheMessageIsKept() throws Exception {
        String name = name();
        // the route's final body has a field contract.Order does not have: the reply cannot be made
        try (ProbeApp app = ProbeApp.start(name, app(name, "", "      - choose:\n          - when: \"id == 'big'\"\n"
                + "            to: seen\n          - otherwise:\n              - validate: Big\n"
                + "      - transform: {set: {extra: \"'x'\"}}\n"), workDir);
                PeerClient client = new PeerClient(port)) {
            StatusRuntimeException invalid = catchThrowableOfType(StatusRuntimeException.class, () -> client.unary(
                    ContractProto.TAKE, ContractProto.order("{\"id\": \"small\", \"n\": 3}"),
                    Map.of("x-correlation-id", "corr-small")));
            assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(invalid.getStatus().getDescription()).contains("does not match schema Big v1")
                    .contains("n").contains("correlationId=corr-small").doesNotContain("Exception");
            StatusRuntimeException internal = catchThrowableOfType(StatusRuntimeException.class, () -> client.unary(
                    ContractProto.TAKE, ContractProto.order("{\"id\": \"big\", \"n\": 30}"),
                    Map.of("x-correlation-id", "corr-big")));
            assertThat(internal.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(internal.getStatus().getDescription())
                    .isEqualTo("the message could not be processed; it was kept in the dead-letter destination"
                            + " (correlationId=corr-big)");
            assertThat(app.reasons("parked")).hasSize(2).anySatisfy(reason -> assertThat(reason)
                    .contains("does not fit contract.Order").contains("extra"));
        }
    }

    @Test
    void whatDoesNotFitTheInputTypeIsRefusedBeforeTheRouteAndTheServerGoesOn() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name, "", "      - to: seen\n"), workDir);
                PeerClient client = new PeerClient(port)) {
            var take = PeerClient.method(ContractProto.TAKE, MethodType.UNARY);
            // field 1 announces 127 bytes and brings 1: malformed
            assertRefused(client, take, new byte[] {0x0A, 0x7F, 0x41}, "is not a valid contract.Order");
            // field 2 (n, an int32) sent as text: a message of another type
            assertRefused(client, take, encode(out -> out.writeString(2, "not a number")),
                    "field n (number 2) came with another wire type than int32");
            // field 9: no field of Order
            assertRefused(client, take, encode(out -> out.writeString(9, "who?")),
                    "field number 9 is not a field of contract.Order");
            // two messages on a unary method
            assertRefused(client, take, List.of(ContractProto.order("{\"id\": \"a\"}").toByteArray(),
                    ContractProto.order("{\"id\": \"b\"}").toByteArray()), "takes one request message");
            PeerClient.Reply fine = client.unary(ContractProto.TAKE, ContractProto.order("{\"id\": \"fine\"}"),
                    Map.of());
            assertThat(ContractProto.json(fine.only())).contains("\"id\":\"fine\"");
            assertThat(app.recorded("seen")).as("only the message that fits reached the route").hasSize(1);
            assertThat(app.recorded("parked")).isEmpty();
        }
    }

    @Test
    void anUnknownMethodIsUnimplemented() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name, "", "      - to: seen\n"), workDir);
                PeerClient client = new PeerClient(port)) {
            for (String method : List.of("contract.Orders/Nope", "other.Service/Take", ContractProto.WATCH)) {
                StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> client.call(
                        PeerClient.method(method, MethodType.UNARY), List.of(new byte[0]), Map.of(), null));
                assertThat(e.getStatus().getCode()).as(method).isEqualTo(Status.Code.UNIMPLEMENTED);
            }
            assertThat(client.unary(ContractProto.TAKE, ContractProto.order("{\"id\": \"after\"}"), Map.of())
                    .only()).isNotNull();
        }
    }

    @Test
    void anOversizeMessageIsRefusedAndTheServerGoesOn() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name, ", maxMessageBytes: 256", "      - to: seen\n"), workDir);
                PeerClient client = new PeerClient(port)) {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> client.unary(
                    ContractProto.TAKE, ContractProto.order("{\"id\": \"big\", \"note\": \"" + "x".repeat(1000)
                            + "\"}"), Map.of()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(client.unary(ContractProto.TAKE, ContractProto.order("{\"id\": \"small\"}"), Map.of()).only())
                    .isNotNull();
            assertThat(app.recorded("seen")).hasSize(1);
        }
    }

    /**
     * The kernel's tables of listening TCP sockets name only the loopback address for the port: 127.0.0.1 in
     * {@code /proc/net/tcp}, or mapped into IPv6 ({@code ::ffff:127.0.0.1}) in {@code /proc/net/tcp6} (Java's sockets
     * are dual-stack).
     */
    @Test
    void theListenerIsOnLoopbackByDefault() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name, "", "      - to: seen\n"), workDir)) {
            String hexPort = String.format(Locale.ROOT, ":%04X", port);
            List<String> listening = new java.util.ArrayList<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.strip().split("\\s+");
                    if (fields.length > 3 && fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
                        listening.add(fields[1].substring(0, fields[1].length() - hexPort.length()));
                    }
                }
            }
            assertThat(listening).as("the addresses listening on port " + port).isNotEmpty()
                    .allSatisfy(address -> assertThat(address).isIn("0100007F", "0000000000000000FFFF00000100007F"));
        }
    }

    private static void assertRefused(PeerClient client, io.grpc.MethodDescriptor<byte[], byte[]> method,
            byte[] bytes, String why) {
        assertRefused(client, method, List.of(bytes), why);
    }

    private static void assertRefused(PeerClient client, io.grpc.MethodDescriptor<byte[], byte[]> method,
            List<byte[]> messages, String why) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> client.call(method, messages, Map.of("x-correlation-id", "corr-bad"), Duration.ofSeconds(10)));
        assertThat(e).as("refused: " + why).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).contains(why).contains("correlationId=corr-bad")
                .doesNotContain("Exception");
    }

    @FunctionalInterface
    private interface Writing {
        void write(CodedOutputStream out) throws Exception;
    }

    private static byte[] encode(Writing writing) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        writing.write(out);
        out.flush();
        return bytes.toByteArray();
    }

}
