package io.unikernal.adapter.netty;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.server.RestartableServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * The adapter contract suite for tcp. Source: a java.net client sends JSON lines to the app's listener on loopback
 * and reads the reply line. Target: a java.net line server of the test's own on a loopback port answers each line,
 * and can be stopped and started again on the same port.
 */
class TcpContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return "tcp";
            }

            @Override
            public SourcePeer sourcePeer(Path workDir) {
                return new Caller(FreePort.loopback());
            }

            @Override
            public TargetPeer targetPeer(Path workDir) {
                return new Server(new PeerServer(FreePort.loopback(), Frames.LINES, line -> "{\"ok\": true}"));
            }

            @Override
            public TargetPeer privateTargetPeer(Path workDir) {
                return targetPeer(workDir);
            }

            @Override
            public MisconfiguredPeer misconfigured(Path workDir) {
                return MisconfiguredPeer.of("{adapter: tcp, host: no-such-host.invalid, port: 7000}", null,
                        "unknown host no-such-host.invalid");
            }
        };
    }

    /** One connection per message, as a simple line client; the reply is the route's, one JSON line. */
    private record Caller(int port) implements SourcePeer {
        @Override
        public String system() {
            return "{adapter: tcp, port: " + port + "}";
        }

        @Override
        public Received send(CamelContext app, ContractMessage message) throws Exception {
            try (PeerClient client = new PeerClient(port, Frames.LINES)) {
                String reply = client.ask(message.json());
                if (reply == null) {
                    throw new AssertionError("the app closed the connection without a reply");
                }
                return Received.body(StrictJson.read(reply, Object.class));
            }
        }
    }

    private record Server(PeerServer peer) implements TargetPeer {
        @Override
        public String system() {
            return "{adapter: tcp, port: " + peer.port() + "}";
        }

        @Override
        public Optional<RestartableServer> server() {
            return Optional.of(peer);
        }

        @Override
        public List<Received> received() {
            return peer.received().stream().map(line -> Received.body(StrictJson.read(line, Object.class))).toList();
        }

        @Override
        public void close() {
            peer.close();
        }
    }
}
