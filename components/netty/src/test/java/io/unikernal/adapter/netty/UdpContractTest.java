package io.unikernal.adapter.netty;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.FreePort;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;

/**
 * The adapter contract suite for udp on loopback. Source: a java.net datagram socket sends each message as one JSON
 * datagram. Target: a java.net datagram socket of the test's own receives them.
 */
class UdpContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return "udp";
            }

            @Override
            public SourcePeer sourcePeer(Path workDir) throws Exception {
                return new Sender(FreePort.loopback(), new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)));
            }

            @Override
            public TargetPeer targetPeer(Path workDir) throws Exception {
                return new Receiver(new DatagramSocket(new InetSocketAddress("127.0.0.1", FreePort.loopback())));
            }
        };
    }

    private record Sender(int port, DatagramSocket socket) implements SourcePeer {
        @Override
        public String system() {
            return "{adapter: udp, port: " + port + "}";
        }

        @Override
        public Received send(CamelContext app, ContractMessage message) throws Exception {
            byte[] bytes = message.json().getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            return null;
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** Receives on its own thread until closed. */
    private static final class Receiver implements TargetPeer {
        private final DatagramSocket socket;
        private final List<String> received = new CopyOnWriteArrayList<>();

        Receiver(DatagramSocket socket) {
            this.socket = socket;
            Thread receiving = new Thread(this::receive, "udp-contract-peer");
            receiving.setDaemon(true);
            receiving.start();
        }

        private void receive() {
            byte[] buffer = new byte[65_535];
            while (!socket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketException closed) {
                    return;
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                received.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            }
        }

        @Override
        public String system() {
            return "{adapter: udp, port: " + socket.getLocalPort() + "}";
        }

        @Override
        public List<Received> received() {
            return received.stream().map(text -> Received.body(StrictJson.read(text, Object.class))).toList();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
