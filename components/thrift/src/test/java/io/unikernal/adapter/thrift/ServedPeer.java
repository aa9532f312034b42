package io.unikernal.adapter.thrift;

import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.server.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.thrift.transport.TTransportException;
import org.awaitility.Awaitility;

/**
 * Feeds a {@code thrift} source as a Thrift client does: a call of {@code Orders.take} with the message's fields as
 * its arguments ({@link OrdersClient}), made again only while nothing listens yet (the connection refused, so nothing
 * reached a route). Thrift carries no headers: the reply has no correlation id.
 */
final class ServedPeer implements SourcePeer {

    private final int port = FreePort.loopback();
    private final Path idl;

    ServedPeer(Path workDir) {
        this.idl = Idl.write(workDir.resolve("idl-" + port), "orders.thrift");
    }

    @Override
    public String system() {
        return "{adapter: thrift, port: " + port + ", idl: \"" + idl + "\"}";
    }

    @Override
    public String use() {
        return "method: Orders.take";
    }

    @Override
    public Received send(CamelContext app, ContractMessage message) {
        AtomicReference<Map<String, Object>> reply = new AtomicReference<>();
        Awaitility.await("the Thrift listener on " + port).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    OrdersClient client;
                    try {
                        client = new OrdersClient(port);
                    } catch (TTransportException e) {
                        return false; // not listening yet
                    }
                    try (client) {
                        reply.set(client.take(message.body()));
                        return true;
                    }
                });
        return Received.body(reply.get());
    }

    @Override
    public void close() {
    }
}
