package io.unikernal.adapter.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tcp with line framing against plain java.net peers on loopback, each scenario in process and from the emitted YAML
 * ({@link TwoWayRun}): a served line is answered with the route's reply on its connection, the peer's address is a
 * header; a malformed JSON line gets an error line and is dead-lettered while the connection goes on; one-way lines
 * get no answer; a target waits for its peer's answer line, or one-way sends and keeps the payload.
 */
class TcpLinesTest {

    @TempDir
    Path workDir;

    @Test
    void aServedLineIsAnsweredWithTheRoutesReplyAndABadOneWithAnError() throws Exception {
        int port = FreePort.loopback();
        String name = NettyApps.name("tcp");
        String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                + "  lines: {adapter: tcp, port: " + port + "}\n"
                + "  seen: {adapter: contract-probe}\n  parked: {adapter: contract-probe}\n"
                + "routes:\n  - name: serve\n    from: lines\n    steps:\n"
                + "      - transform: {set: {doubled: \"n * 2\"}}\n      - to: seen\n    deadLetter: parked\n";
        TwoWayRun.Outcomes<Boolean> runs = TwoWayRun.run(name + ".udl.yaml", udl, ProbeApps.with(new TcpAdapter()), Map.of(), workDir,
                app -> {
                    Probes.forget(name);
                    try (PeerClient client = new PeerClient(port, Frames.LINES)) {
                        assertThat(client.ask("{\"id\": \"a\", \"n\": 21}"))
                                .isEqualTo("{\"id\":\"a\",\"n\":21,\"doubled\":42}");
                        Probes.Record seen = Probes.recorded(name, "seen").get(0);
                        assertThat(seen.headers()).containsEntry(NettyHeaders.PEER, "127.0.0.1:" + client.localPort());

                        String error = client.ask("{\"id\": \"b\", oops}");
                        assertThat(StrictJson.read(error, Map.class)).containsKey("error");
                        NettyApps.await("the dead letter", () -> Probes.recorded(name, "parked").size() == 1);
                        assertThat(client.ask("{\"id\": \"c\", \"n\": 1}")).as("the connection goes on")
                                .contains("\"doubled\":2");
                        // a peer that writes two lines before reading gets both answers, in order
                        client.send("{\"id\": \"d\", \"n\": 2}");
                        client.send("{\"id\": \"e\", \"n\": 3}");
                        assertThat(client.read()).contains("\"id\":\"d\"");
                        assertThat(client.read()).contains("\"id\":\"e\"");
                    }
                    assertThat(Probes.recorded(name, "seen")).hasSize(4);
                    return true;
                });
        assertThat(runs.inProcess()).isTrue();
        assertThat(runs.emitted()).isTrue();
    }

    @Test
    void oneWayLinesGetNoAnswer() throws Exception {
        int port = FreePort.loopback();
        String name = NettyApps.name("tcp");
        String udl = NettyApps.served(name, "{adapter: tcp, port: " + port + ", mode: one-way, format: text}",
                false);
        TwoWayRun.Outcomes<List<Object>> runs = TwoWayRun.run(name + ".udl.yaml", udl, ProbeApps.with(new TcpAdapter()), Map.of(),
                workDir, app -> {
                    Probes.forget(name);
                    try (PeerClient client = new PeerClient(port, Frames.LINES)) {
                        client.send("first line");
                        client.send("second ünïcödé line\r");
                        NettyApps.await("both lines", () -> Probes.recorded(name, "seen").size() == 2);
                        client.close();
                    }
                    return Probes.recorded(name, "seen").stream().map(Probes.Record::body).toList();
                });
        assertThat(runs.inProcess()).containsExactly("first line", "second ünïcödé line");
        assertThat(runs.emitted()).isEqualTo(runs.inProcess());
    }

    @Test
    void aTargetTakesItsPeersAnswerOrSendsOneWay() throws Exception {
        String name = NettyApps.name("tcp");
        try (PeerServer answering = new PeerServer(FreePort.loopback(), Frames.LINES,
                line -> "{\"answer\": " + line + "}");
                PeerServer oneWay = new PeerServer(FreePort.loopback(), Frames.LINES, null)) {
            String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                    + "  feed: {adapter: contract-probe}\n  seen: {adapter: contract-probe}\n"
                    + "  ask: {adapter: tcp, port: " + answering.port() + "}\n"
                    + "  tell: {adapter: tcp, port: " + oneWay.port() + ", mode: one-way}\n"
                    + "routes:\n  - name: call\n    from: feed\n    policy: {timeout: 5s}\n    steps:\n"
                    + "      - to: tell\n      - to: ask\n      - to: seen\n";
            TwoWayRun.Outcomes<Object> runs = TwoWayRun.run(name + ".udl.yaml", udl, ProbeApps.with(new TcpAdapter()), Map.of(),
                    workDir, app -> {
                        Probes.forget(name);
                        try (ProducerTemplate producer = app.context().createProducerTemplate()) {
                            producer.sendBody(Probes.feedUri(name, "feed"), Map.of("id", "x-1"));
                        }
                        NettyApps.await("the answer", () -> Probes.recorded(name, "seen").size() == 1);
                        return Probes.recorded(name, "seen").get(0).body();
                    });
            assertThat(runs.inProcess()).isEqualTo(Map.of("answer", Map.of("id", "x-1")));
            assertThat(runs.emitted()).isEqualTo(runs.inProcess());
            assertThat(oneWay.received()).containsExactly("{\"id\":\"x-1\"}", "{\"id\":\"x-1\"}");
            assertThat(answering.received()).hasSize(2);
        }
    }

    @Test
    void aClientThatResetsItsConnectionLeavesTheOthersServed() throws Exception {
        int port = FreePort.loopback();
        String name = NettyApps.name("tcp");
        String udl = NettyApps.served(name, "{adapter: tcp, port: " + port + ", format: text}", false);
        TwoWayRun.Outcomes<String> runs = TwoWayRun.run(name + ".udl.yaml", udl, ProbeApps.with(new TcpAdapter()),
                Map.of(), workDir, app -> {
                    try (PeerClient other = new PeerClient(port, Frames.LINES)) {
                        java.net.Socket resetting = new java.net.Socket("127.0.0.1", port);
                        resetting.getOutputStream().write("half a li".getBytes());
                        resetting.setSoLinger(true, 0);
                        resetting.close();
                        return other.ask("still here");
                    }
                });
        assertThat(runs.inProcess()).isEqualTo("still here");
        assertThat(runs.emitted()).isEqualTo("still here");
    }
}
