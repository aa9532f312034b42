package io.unikernal.adapter.kafka;

import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.server.RestartableServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import kafka.server.BrokerServer;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;

/**
 * A Kafka broker of a test's own, in process, in KRaft mode: one node that is broker and controller at once
 * ({@link KafkaClusterTestKit}), its client listener on a fixed free loopback port. {@link #stop()} shuts the broker
 * down (the controller of the node keeps running) and {@link #start()} starts the same broker again, on the same port
 * with the same log directory, so topics, records and committed offsets survive — a restart of the server, not a
 * client reconnect. The test kit binds {@code localhost:0} by default, a new port on each start; a fixed
 * {@code listeners} setting (which the kit takes when given) keeps the port. {@link #close()} ends it and deletes its
 * directories.
 */
final class KafkaBroker implements RestartableServer, AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static KafkaBroker shared;

    private final int port;
    private final KafkaClusterTestKit cluster;
    private boolean running;

    private KafkaBroker() {
        this.port = FreePort.loopback();
        int controllerPort = FreePort.loopback();
        try {
            TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                    .setNumControllerNodes(1).build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("listeners", "EXTERNAL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:"
                            + controllerPort)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "1")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the in-process Kafka broker did not start: " + e, e);
        }
        running = true;
    }

    /** A fresh broker the caller owns (and closes). */
    static KafkaBroker launch() {
        return new KafkaBroker();
    }

    /** The broker the tests of this JVM share (each with topics of its own); stopped when the JVM ends. */
    static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = new KafkaBroker();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop shared kafka " + shared.port));
        }
        return shared;
    }

    int port() {
        return port;
    }

    /** The bootstrap address clients use: {@code 127.0.0.1:<port>}. */
    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return Admin.create(props);
    }

    private BrokerServer broker() {
        return cluster.brokers().values().iterator().next();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        broker().shutdown();
        broker().awaitShutdown();
        running = false;
        Awaitility.await("the broker on port " + port + " stopped").atMost(READY_WITHIN)
                .pollInterval(Duration.ofMillis(20)).until(() -> !accepts());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        broker().startup();
        running = true;
        try {
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the restarted Kafka broker did not become ready: " + e, e);
        }
        Awaitility.await("the broker on port " + port + " accepts connections").atMost(READY_WITHIN)
                .pollInterval(Duration.ofMillis(20)).until(this::accepts);
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            // the JVM is ending or the test is done: nothing more to do with it
        }
        running = false;
    }

    @Override
    public String toString() {
        return "in-process Kafka broker on 127.0.0.1:" + port;
    }

    /** Broker settings a test may want to read. */
    static Map<String, String> settings() {
        return Map.of("offsets.topic.replication.factor", "1", "group.initial.rebalance.delay.ms", "0");
    }
}
