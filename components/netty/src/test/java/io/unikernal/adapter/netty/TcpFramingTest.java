package io.unikernal.adapter.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each framing against java.net peers that frame by hand ({@link Frames}), in process and from the emitted YAML: a
 * served frame is answered in the same framing; a target frames its call and reads the answer frame. A frame over
 * maxFrameSize closes that connection only: a second client on the same listener still gets answers.
 */
class TcpFramingTest {

    @TempDir
    Path workDir;

    static Stream<Frames> framings() {
        return Stream.of(Frames.LINES, Frames.lengthPrefixed(1), Frames.lengthPrefixed(2), Frames.lengthPrefixed(4),
                Frames.fixed(16));
    }

    @ParameterizedTest
    @MethodSource("framings")
    void aServedFrameIsAnsweredInTheSameFraming(Frames frames) throws Exception {
        int port = FreePort.loopback();
        String name = NettyApps.name("tcp-framing");
        String udl = NettyApps.served(name, "{adapter: tcp, port: " + port + ", format: text" + frames.options()
                + "}", false);
        // 16 bytes, so the same frames serve the fixed framing
        List<String> sent = List.of("0123456789abcdef", "line\twith tabs..", "fedcba9876543210");
        TwoWayRun.Outcomes<List<String>> runs = TwoWayRun.run(name + ".udl.yaml", udl,
                ProbeApps.with(new TcpAdapter()), Map.of(), workDir, app -> {
                    Probes.forget(name);
                    try (PeerClient client = new PeerClient(port, frames)) {
                        List<String> answers = new java.util.ArrayList<>();
                        for (String frame : sent) {
                            answers.add(client.ask(frame));
                        }
                        return answers;
                    }
                });
        assertThat(runs.inProcess()).as(frames.framing()).isEqualTo(sent);
        assertThat(runs.emitted()).isEqualTo(sent);
    }

    @ParameterizedTest
    @MethodSource("framings")
    void aTargetFramesItsCallAndReadsTheAnswerFrame(Frames frames) throws Exception {
        String name = NettyApps.name("tcp-framing");
        try (PeerServer peer = new PeerServer(FreePort.loopback(), frames, frame -> new StringBuilder(frame).reverse()
                .toString())) {
            String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                    + "  feed: {adapter: contract-probe}\n  seen: {adapter: contract-probe}\n"
                    + "  peer: {adapter: tcp, port: " + peer.port() + ", format: bytes" + frames.options() + "}\n"
                    + "routes:\n  - name: call\n    from: feed\n    policy: {timeout: 5s}\n    steps:\n"
                    + "      - to: peer\n      - to: seen\n";
            TwoWayRun.Outcomes<Object> runs = TwoWayRun.run(name + ".udl.yaml", udl, ProbeApps.with(new TcpAdapter()),
                    Map.of(), workDir, app -> {
                        Probes.forget(name);
                        try (ProducerTemplate producer = app.context().createProducerTemplate()) {
                            producer.sendBody(Probes.feedUri(name, "feed"), "0123456789abcdef".getBytes());
                        }
                        NettyApps.await("the answer", () -> Probes.recorded(name, "seen").size() == 1);
                        return Probes.recorded(name, "seen").get(0).body();
                    });
            assertThat(runs.inProcess()).as(frames.framing()).isEqualTo("fedcba9876543210");
            assertThat(runs.emitted()).isEqualTo(runs.inProcess());
            assertThat(peer.received()).containsExactly("0123456789abcdef", "0123456789abcdef");
        }
    }

    @ParameterizedTest
    @MethodSource("bounded")
    void anOversizeFrameClosesThatConnectionAndTheServerServesOthers(Frames frames) throws Exception {
        int port = FreePort.loopback();
        String name = NettyApps.name("tcp-framing");
        String udl = NettyApps.served(name, "{adapter: tcp, port: " + port + ", format: text, maxFrameSize: 64"
                + frames.options() + "}", false);
        TwoWayRun.Outcomes<Boolean> runs = TwoWayRun.run(name + ".udl.yaml", udl, ProbeApps.with(new TcpAdapter()),
                Map.of(), workDir, app -> {
                    Probes.forget(name);
                    try (PeerClient big = new PeerClient(port, frames); PeerClient other = new PeerClient(port, frames)) {
                        assertThat(other.ask("before")).isEqualTo("before");
                        if (frames.framing().equals("line")) {
                            // no line end ever comes: the decoder gives up at 64 bytes, not at the end of the line
                            big.sendRaw("x".repeat(10_000).getBytes());
                        } else {
                            // only the length field: the frame is refused by its declared length, before its bytes
                            big.sendRaw(new byte[] {0, 0, 1, 0});
                        }
                        assertThat(big.closedByPeer()).as("the oversize frame's connection is closed").isTrue();
                        assertThat(other.ask("after")).as("another connection is still served").isEqualTo("after");
                        try (PeerClient next = new PeerClient(port, frames)) {
                            assertThat(next.ask("a new one")).isEqualTo("a new one");
                        }
                    }
                    assertThat(Probes.recorded(name, "seen")).extracting(Probes.Record::body)
                            .containsExactly("before", "after", "a new one");
                    return true;
                });
        assertThat(runs.inProcess()).isTrue();
        assertThat(runs.emitted()).isTrue();
    }

    static Stream<Frames> bounded() {
        return Stream.of(Frames.LINES, Frames.lengthPrefixed(4));
    }

    @Test
    void declarationsThatCannotFrameAreRefusedWhereTheyAreWritten() {
        TcpAdapter tcp = new TcpAdapter();
        assertThat(ProbeApps.problems(tcp, "  t: {adapter: tcp, port: 7000, framing: fixed}\n", "to: t"))
                .singleElement().asString().contains("has fixed framing but no frameLength").contains("[TCP-002]");
        assertThat(ProbeApps.problems(tcp, "  t: {adapter: tcp, port: 7000, frameLength: 8}\n", "to: t"))
                .singleElement().asString().contains("has frameLength but line framing").contains("[TCP-002]");
        assertThat(ProbeApps.problems(tcp, "  t: {adapter: tcp, port: 7000, framing: fixed, frameLength: 100,"
                + " maxFrameSize: 10}\n", "to: t")).singleElement().asString().contains("over its maxFrameSize 10");
        assertThat(ProbeApps.problems(tcp, "  t: {adapter: tcp, port: 7000, framing: length-prefixed,"
                + " lengthFieldBytes: 3}\n", "to: t")).singleElement().asString().contains("[TCP-003]");
        assertThat(ProbeApps.problems(tcp, "  t: {adapter: tcp, port: 7000, charset: NO-SUCH-CHARSET}\n", "to: t"))
                .singleElement().asString().contains("names charset 'NO-SUCH-CHARSET'").contains("[TCP-001]");
        assertThat(ProbeApps.problems(tcp, "  t: {adapter: tcp, port: 7000, framing: lines}\n", "to: t"))
                .singleElement().asString().contains("framing");
    }
}
