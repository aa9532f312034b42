package io.unikernal.adapter.websocket;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.FreePort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;

/**
 * The adapter contract suite for websocket: as a source the peer is a JDK WebSocket client that sends each message
 * and waits for its reply frame; as a target (a broadcast from a system no route serves: a push server) the peer is
 * a client connected to the app's server.
 */
class WebSocketContractTest extends AdapterContract {

    private static final String PATH = "/contract";

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return WebSocketAdapter.NAME;
            }

            @Override
            public SourcePeer sourcePeer(Path workDir) {
                return new Sender(FreePort.loopback());
            }

            @Override
            public TargetPeer targetPeer(Path workDir) {
                return new Listener(FreePort.loopback());
            }
        };
    }

    private static String system(int port) {
        return "{adapter: websocket, port: " + port + ", path: " + PATH + "}";
    }

    /** One connection per app run; each message is sent and its reply awaited before the next. */
    private static final class Sender implements SourcePeer {
        private final int port;
        private CamelContext app;
        private WsClient client;

        Sender(int port) {
            this.port = port;
        }

        @Override
        public String system() {
            return WebSocketContractTest.system(port);
        }

        @Override
        public Received send(CamelContext app, ContractMessage message) throws Exception {
            if (client == null || this.app != app) {
                close();
                client = WsClient.connect(port, PATH);
                this.app = app;
            }
            int before = client.received.size();
            client.text(message.json());
            String reply = client.await(before + 1).get(before);
            return Received.body(StrictJson.read(reply, Object.class));
        }

        @Override
        public void close() {
            if (client != null) {
                client.close();
                client = null;
            }
        }
    }

    /** A peer connected to the app's push server once the app runs; keeps what every connection received. */
    private static final class Listener implements TargetPeer {
        private final int port;
        private final List<String> earlier = new ArrayList<>();
        private WsClient client;

        Listener(int port) {
            this.port = port;
        }

        @Override
        public String system() {
            return WebSocketContractTest.system(port);
        }

        @Override
        public String use() {
            return "broadcast: true";
        }

        @Override
        public void started(CamelContext app) throws Exception {
            close();
            Awaitility.await("the app's websocket server").atMost(WsClient.PATIENCE).ignoreExceptions()
                    .until(() -> (client = WsClient.connect(port, PATH)) != null);
        }

        @Override
        public List<Received> received() {
            List<String> all = new ArrayList<>(earlier);
            if (client != null) {
                all.addAll(client.received);
            }
            return all.stream().map(text -> Received.body(StrictJson.read(text, Object.class))).toList();
        }

        @Override
        public void close() {
            if (client != null) {
                earlier.addAll(client.received);
                client.close();
                client = null;
            }
        }
    }
}
