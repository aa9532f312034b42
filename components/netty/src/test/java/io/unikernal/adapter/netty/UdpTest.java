package io.unikernal.adapter.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * udp against java.net datagram sockets on loopback, in process and from the emitted YAML: each datagram received is
 * one message with its sender's address; one over maxFrameSize is dropped and the next still passes; a target sends
 * each message as one datagram and keeps its payload; a malformed JSON datagram is dead-lettered.
 */
class UdpTest {

    @TempDir
    Path workDir;

    private static void send(DatagramSocket socket, int port, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    @Test
    void eachDatagramIsAMessageAndAnOversizeOneIsDropped() throws Exception {
        int port = FreePort.loopback();
        String name = NettyApps.name("udp");
        String udl = NettyApps.served(name, "{adapter: udp, port: " + port + ", maxFrameSize: 100}", true);
        TwoWayRun.Outcomes<List<Object>> runs = TwoWayRun.run(name + ".udl.yaml", udl,
                ProbeApps.with(new UdpAdapter()), Map.of(), workDir, app -> {
                    Probes.forget(name);
                    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                        send(socket, port, "{\"id\": \"d-1\", \"note\": \"ünïcödé\"}");
                        NettyApps.await("the first datagram", () -> Probes.recorded(name, "seen").size() == 1);
                        assertThat(Probes.recorded(name, "seen").get(0).headers())
                                .containsEntry(NettyHeaders.PEER, "127.0.0.1:" + socket.getLocalPort());
                        send(socket, port, "{\"id\": \"big\", \"pad\": \"" + "x".repeat(200) + "\"}");
                        send(socket, port, "{\"id\": oops}");
                        send(socket, port, "{\"id\": \"d-2\"}");
                        NettyApps.await("the last datagram", () -> Probes.recorded(name, "seen").size() == 2);
                        NettyApps.await("the malformed one", () -> Probes.recorded(name, "parked").size() == 1);
                    }
                    return Probes.recorded(name, "seen").stream().map(Probes.Record::body).toList();
                });
        assertThat(runs.inProcess()).containsExactly(Map.of("id", "d-1", "note", "ünïcödé"), Map.of("id", "d-2"));
        assertThat(runs.emitted()).isEqualTo(runs.inProcess());
    }

    @Test
    void aTargetSendsEachMessageAsOneDatagram() throws Exception {
        String name = NettyApps.name("udp");
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", FreePort.loopback()))) {
            peer.setSoTimeout(30_000);
            String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                    + "  feed: {adapter: contract-probe}\n  seen: {adapter: contract-probe}\n"
                    + "  out: {adapter: udp, port: " + peer.getLocalPort() + ", maxFrameSize: 64}\n"
                    + "  parked: {adapter: contract-probe}\n"
                    + "routes:\n  - name: send\n    from: feed\n    steps:\n      - to: out\n      - to: seen\n"
                    + "    deadLetter: parked\n";
            TwoWayRun.Outcomes<String> runs = TwoWayRun.run(name + ".udl.yaml", udl, ProbeApps.with(new UdpAdapter()),
                    Map.of(), workDir, app -> {
                        Probes.forget(name);
                        try (ProducerTemplate producer = app.context().createProducerTemplate()) {
                            producer.sendBody(Probes.feedUri(name, "feed"), Map.of("id", "u-1"));
                            producer.sendBody(Probes.feedUri(name, "feed"), Map.of("id", "x".repeat(100)));
                        }
                        byte[] buffer = new byte[2048];
                        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                        peer.receive(packet);
                        NettyApps.await("the payload kept, the oversize one refused", () -> Probes.recorded(name, "seen")
                                .size() == 1 && Probes.recorded(name, "parked").size() == 1);
                        assertThat(Probes.recorded(name, "seen").get(0).body()).isEqualTo(Map.of("id", "u-1"));
                        assertThat(String.valueOf(Probes.recorded(name, "parked").get(0).body()))
                                .contains("over maxFrameSize (64)");
                        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                    });
            assertThat(runs.inProcess()).isEqualTo("{\"id\":\"u-1\"}");
            assertThat(runs.emitted()).isEqualTo(runs.inProcess());
        }
    }
}
