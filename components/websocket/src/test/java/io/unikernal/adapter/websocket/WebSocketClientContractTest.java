package io.unikernal.adapter.websocket;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.server.RestartableServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The adapter contract suite for websocket-client: the peer is a Vert.x WebSocket server the test starts. */
class WebSocketClientContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return WebSocketClientAdapter.NAME;
            }

            @Override
            public TargetPeer targetPeer(Path workDir) {
                return new ServerPeer(WsServer.started(FreePort.loopback(), "/contract"));
            }

            @Override
            public TargetPeer privateTargetPeer(Path workDir) {
                return targetPeer(workDir);
            }

            @Override
            public MisconfiguredPeer misconfigured(Path workDir) {
                return MisconfiguredPeer.of("{adapter: websocket-client, url: \"ws://no-such-host.invalid:8090/x\"}",
                        null, "unknown host no-such-host.invalid");
            }
        };
    }

    private record ServerPeer(WsServer peer) implements TargetPeer {
        @Override
        public String system() {
            return "{adapter: websocket-client, url: \"" + peer.url() + "\"}";
        }

        @Override
        public Optional<RestartableServer> server() {
            return Optional.of(peer);
        }

        @Override
        public List<Received> received() {
            return peer.received.stream().map(text -> Received.body(StrictJson.read(text, Object.class))).toList();
        }

        @Override
        public void close() {
            peer.close();
        }
    }
}
