package io.unikernal.adapter.rabbitmq;

import com.rabbitmq.client.BuiltinExchangeType;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.PrivateRabbitMq;
import io.unikernal.testkit.server.RestartableServer;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.CamelContext;

/**
 * The contract suite's peers for rabbitmq: a plain AMQP client ({@link Broker}) on the machine's RabbitMQ, or on a
 * private node for the restart cases. Each peer has a queue (and for the target an exchange) of its own, deleted
 * when the case ends.
 */
final class RabbitMqFixture implements AdapterFixture {

    static final int MACHINE_PORT = 5672;

    @Override
    public String adapter() {
        return "rabbitmq";
    }

    @Override
    public SourcePeer sourcePeer(Path workDir) throws Exception {
        return new Sender(MACHINE_PORT, null);
    }

    @Override
    public SourcePeer privateSourcePeer(Path workDir) throws Exception {
        PrivateRabbitMq node = PrivateRabbitMq.launch();
        return new Sender(node.port(), node);
    }

    @Override
    public TargetPeer targetPeer(Path workDir) throws Exception {
        return new Receiver(MACHINE_PORT, null);
    }

    @Override
    public TargetPeer privateTargetPeer(Path workDir) throws Exception {
        PrivateRabbitMq node = PrivateRabbitMq.launch();
        return new Receiver(node.port(), node);
    }

    /** The machine's broker with a wrong password (a secret of the case's own): permanent, unlike a closed port. */
    @Override
    public MisconfiguredPeer misconfigured(Path workDir) {
        String secret = "UK_RMQ_CONTRACT_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8)
                .toUpperCase(java.util.Locale.ROOT);
        System.setProperty("unikernal.secret." + secret, "wrong-" + UUID.randomUUID());
        return MisconfiguredPeer.of("{adapter: rabbitmq, user: guest, password: \"${secret:" + secret + "}\"}",
                "exchange: default, queue: " + unique("c-never"), "refused the login of user 'guest' (ACCESS_REFUSED)",
                () -> System.clearProperty("unikernal.secret." + secret));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static String system(int port) {
        return "{adapter: rabbitmq, port: " + port + "}";
    }

    /** A peer's broker: the machine's, or a private node it owns and closes with it. */
    private abstract static class Peer implements io.unikernal.testkit.contract.SystemPeer {
        final PrivateRabbitMq node;
        final Broker broker;
        private final int port;

        Peer(int port, PrivateRabbitMq node) throws Exception {
            this.port = port;
            this.node = node;
            this.broker = new Broker(port);
        }

        @Override
        public String system() {
            return RabbitMqFixture.system(port);
        }

        @Override
        public Optional<RestartableServer> server() {
            return Optional.ofNullable(node);
        }

        @Override
        public void close() throws Exception {
            try {
                broker.close();
            } finally {
                if (node != null) {
                    node.close();
                }
            }
        }
    }

    /** Publishes to a queue of its own, by name through the default exchange, as a plain AMQP sender does. */
    static final class Sender extends Peer implements SourcePeer {
        private final String queue = unique("c-in");

        Sender(int port, PrivateRabbitMq node) throws Exception {
            super(port, node);
            broker.queue(queue);
        }

        @Override
        public String use() {
            return "queue: " + queue;
        }

        @Override
        public Received send(CamelContext app, ContractMessage message) {
            // a sender whose broker just restarted retries until its connection has recovered
            broker.publishUntilConfirmed("", queue, message.json(), message.correlationId(), Duration.ofSeconds(60),
                    () -> { });
            return null;
        }
    }

    /** An exchange and a queue bound to it, of its own, which it consumes. */
    static final class Receiver extends Peer implements TargetPeer {
        private final String exchange = unique("c-out");
        private final String queue = unique("c-out");
        private final List<Received> received;

        Receiver(int port, PrivateRabbitMq node) throws Exception {
            super(port, node);
            broker.exchange(exchange, BuiltinExchangeType.DIRECT).queue(queue).bind(queue, exchange, "contract");
            this.received = broker.consume(queue);
        }

        @Override
        public String use() {
            return "exchange: " + exchange + ", routingKey: contract, queue: " + queue;
        }

        @Override
        public List<Received> received() {
            return List.copyOf(received);
        }
    }
}
