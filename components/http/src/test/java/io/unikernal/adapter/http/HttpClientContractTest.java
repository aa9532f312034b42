package io.unikernal.adapter.http;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.http.Peer;
import io.unikernal.testkit.server.RestartableServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The adapter contract suite for http-client: the peer is a real HTTP server of the test's own on a loopback port
 * (the JDK's), which records each call with its headers and can be stopped and started again on the same port.
 */
class HttpClientContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return "http-client";
            }

            @Override
            public TargetPeer targetPeer(Path workDir) throws IOException {
                return new Server(new Peer("contract"));
            }

            /** The test's own server: stopping it closes its port, as a restarting service does. */
            @Override
            public TargetPeer privateTargetPeer(Path workDir) throws IOException {
                return new Server(new Peer("contract"));
            }
        };
    }

    private record Server(Peer peer) implements TargetPeer {
        @Override
        public String system() {
            return "{adapter: http-client, url: \"http://127.0.0.1:" + peer.port() + "\"}";
        }

        @Override
        public String use() {
            return "path: /contract";
        }

        @Override
        public Optional<RestartableServer> server() {
            return Optional.of(peer);
        }

        @Override
        public List<Received> received() {
            return peer.acceptedCalls().stream().map(call -> new Received(call.body(), call.headers().get(
                    "x-correlation-id"), call.headers().get("udmschema"), call.headers().get("udmschemaversion"),
                    call.headers())).toList();
        }

        @Override
        public void close() {
            peer.close();
        }
    }
}
