package io.unikernal.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.DynamicMessage;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.unikernal.testkit.probe.ProbeApp;
import io.unikernal.testkit.server.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming calls, served by UDL routes and made by them, against grpc-java peers: a client stream reaches its route
 * as one list; a server-streaming reply is the route's list body, element by element; each message of a
 * bidirectional stream is one run of the route whose reply goes out before the next message is taken — shown by a
 * client that sends each message only after the reply to the one before has come.
 */
class GrpcStreamingTest {

    @TempDir
    Path workDir;

    private final int port = FreePort.loopback();

    private static String name() {
        return "grpc-stream-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code front} served on the test's port, {@code remote} the peer; one route per (method, steps). */
    private String app(String name, PeerServer peer, String extra, String... routes) {
        Path proto = ContractProto.write(workDir);
        StringBuilder udl = new StringBuilder("udl: 8\nname: " + name + "\nsystems:\n"
                + "  front: {adapter: grpc, port: " + port + ", proto: \"" + proto + "\"" + extra + "}\n"
                + "  remote: {adapter: grpc, address: \"" + peer.address() + "\", proto: \"" + proto + "\"}\n"
                + "  feed: {adapter: contract-probe}\n  seen: {adapter: contract-probe}\n"
                + "  parked: {adapter: contract-probe}\nroutes:\n");
        for (int i = 0; i < routes.length; i += 2) {
            udl.append("  - name: r").append(i).append("\n    from: ").append(routes[i].startsWith("feed") ? "feed"
                    : "{system: front, method: " + routes[i] + "}").append("\n    steps:\n").append(routes[i + 1])
                    .append("    deadLetter: parked\n");
        }
        return udl.toString();
    }

    private static String field(DynamicMessage message, String name) {
        return String.valueOf(message.getField(ContractProto.ORDER.findFieldByName(name)));
    }

    @Test
    void aClientStreamIsOneListAndAServerStreamIsTheListElementByElement() throws Exception {
        String name = name();
        try (PeerServer peer = PeerServer.onFreePort();
                ProbeApp app = ProbeApp.start(name, app(name, peer, "",
                        ContractProto.COLLECT, "      - to: seen\n      - to: {system: remote, method: "
                                + ContractProto.COLLECT + "}\n",
                        ContractProto.WATCH, "      - to: {system: remote, method: " + ContractProto.WATCH + "}\n"),
                        workDir);
                PeerClient client = new PeerClient(port)) {
            List<byte[]> three = new ArrayList<>();
            for (String id : List.of("a", "b", "c")) {
                three.add(ContractProto.order("{\"id\": \"" + id + "\"}").toByteArray());
            }
            PeerClient.Reply collected = client.call(PeerClient.method(ContractProto.COLLECT,
                    MethodType.CLIENT_STREAMING), three, Map.of(), null);
            assertThat(ContractProto.json(collected.only())).isEqualTo("{\"id\":\"a,b,c\",\"n\":3}");
            assertThat(app.recorded("seen").get(0).body()).as("the route's body: the stream as one list")
                    .isEqualTo(List.of(Map.of("id", "a", "n", 0L, "note", ""), Map.of("id", "b", "n", 0L, "note", ""),
                            Map.of("id", "c", "n", 0L, "note", "")));
            assertThat(peer.calls(ContractProto.COLLECT)).as("the route's call streamed the list").hasSize(3);

            PeerClient.Reply watched = client.call(PeerClient.method(ContractProto.WATCH,
                    MethodType.SERVER_STREAMING), List.of(ContractProto.order("{\"id\": \"w\"}").toByteArray()),
                    Map.of(), null);
            assertThat(watched.messages()).extracting(m -> field(m, "id") + field(m, "n"))
                    .containsExactly("w1", "w2", "w3");
        }
    }

    @Test
    void bidirectionalRepliesInterleaveWithRequests() throws Exception {
        String name = name();
        try (PeerServer peer = PeerServer.onFreePort();
                ProbeApp app = ProbeApp.start(name, app(name, peer, "", ContractProto.CHAT,
                        "      - transform: {set: {note: \"'echo ' + id\"}}\n      - to: seen\n"), workDir);
                PeerClient client = new PeerClient(port)) {
            PeerClient.Bidi chat = client.bidi(ContractProto.CHAT, Map.of("x-correlation-id", "corr-chat"));
            for (int i = 1; i <= 3; i++) {
                chat.send(ContractProto.order("{\"id\": \"m" + i + "\", \"n\": " + i + "}"));
                // the next message is sent only once this one's reply is here: no buffering to the end
                DynamicMessage reply = chat.next(Duration.ofSeconds(20));
                assertThat(reply).as("the reply to m" + i + " before m" + (i + 1) + " is sent").isNotNull();
                assertThat(field(reply, "note")).isEqualTo("echo m" + i);
                assertThat(app.recorded("seen")).as("one run of the route per message").hasSize(i);
            }
            assertThat(chat.finish().getCode()).isEqualTo(Status.Code.OK);
        }
    }

    @Test
    void aRouteCallsStreamingMethodsWithAListBody() throws Exception {
        String name = name();
        try (PeerServer peer = PeerServer.onFreePort();
                ProbeApp app = ProbeApp.start(name, app(name, peer, "", "feed",
                        "      - to: {system: remote, method: " + ContractProto.CHAT + "}\n      - to: seen\n"),
                        workDir)) {
            app.feed("feed", List.of(Map.of("id", "x"), Map.of("id", "y")), "corr-list");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !app.recorded("seen").isEmpty());
            assertThat(app.recorded("seen").get(0).body()).as("every reply of the stream, as a list")
                    .isEqualTo(List.of(Map.of("id", "x", "n", 0L, "note", ""), Map.of("id", "y", "n", 0L, "note", "")));
            assertThat(peer.calls(ContractProto.CHAT)).extracting(c -> c.header("x-correlation-id"))
                    .containsExactly("corr-list", "corr-list");
        }
    }

    @Test
    void aClientStreamOverItsLimitIsRefused() throws Exception {
        String name = name();
        try (PeerServer peer = PeerServer.onFreePort();
                ProbeApp app = ProbeApp.start(name, app(name, peer, ", maxStreamMessages: 2", ContractProto.COLLECT,
                        "      - to: seen\n      - to: {system: remote, method: " + ContractProto.COLLECT + "}\n"),
                        workDir);
                PeerClient client = new PeerClient(port)) {
            List<byte[]> three = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                three.add(ContractProto.order("{\"id\": \"s" + i + "\"}").toByteArray());
            }
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> client.call(
                    PeerClient.method(ContractProto.COLLECT, MethodType.CLIENT_STREAMING), three, Map.of(), null));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(e.getStatus().getDescription()).contains("longer than 2 messages");
            assertThat(app.recorded("seen")).isEmpty();
            assertThat(ContractProto.json(client.call(PeerClient.method(ContractProto.COLLECT,
                    MethodType.CLIENT_STREAMING), three.subList(0, 2), Map.of(), null).only()))
                    .isEqualTo("{\"id\":\"s0,s1\",\"n\":2}");
        }
    }
}
