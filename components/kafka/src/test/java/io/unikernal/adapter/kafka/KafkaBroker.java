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
 * directories. Public, in this module's test-jar, for the examples' tests.
 */
public final class KafkaBroker implements RestartableServer, AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static KafkaBroker shared;

    private final int port;
    private final KafkaClusterTestKit cluster;
    private final Properties clientSecurity;
    private boolean running;

    private KafkaBroker(Map<String, String> settings, Properties clientSecurity) {
        this.port = FreePort.loopback();
        this.clientSecurity = clientSecurity;
        int controllerPort = FreePort.loopback();
        try {
            TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                    .setNumControllerNodes(1).build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            settings.forEach(builder::setConfigProp);
            cluster = builder
                    .setConfigProp("listeners", "EXTERNAL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:"
                            + controllerPort)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // lets a test give its group a short session, so a member a forced stop left behind goes soon
                    .setConfigProp("group.min.session.timeout.ms", "1000")
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
    public static KafkaBroker launch() {
        return new KafkaBroker(Map.of(), new Properties());
    }

    /**
     * A fresh broker whose client listener wants SASL PLAIN ({@code SASL_PLAINTEXT}) and knows one user besides its
     * own; the controller listener stays plain.
     */
    static KafkaBroker launchWithLogin(String user, String password) {
        String self = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\""
                + " password=\"broker-secret\" user_broker=\"broker-secret\" user_" + user + "=\"" + password
                + "\";";
        Map<String, String> settings = Map.of("listener.security.protocol.map",
                "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT", "sasl.enabled.mechanisms", "PLAIN",
                "sasl.mechanism.inter.broker.protocol", "PLAIN", "listener.name.external.plain.sasl.jaas.config",
                self);
        Properties client = new Properties();
        client.put("security.protocol", "SASL_PLAINTEXT");
        client.put("sasl.mechanism", "PLAIN");
        client.put("sasl.jaas.config", KafkaSystem.jaas("PLAIN", user, password));
        return new KafkaBroker(settings, client);
    }

    /** The broker the tests of this JVM share (each with topics of its own); stopped when the JVM ends. */
    static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = launch();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop shared kafka " + shared.port));
        }
        return shared;
    }

    int port() {
        return port;
    }

    /** The bootstrap address clients use: {@code 127.0.0.1:<port>}. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** The settings a client of this broker needs: the bootstrap address, and the login when it wants one. */
    Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(clientSecurity);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return props;
    }

    Admin admin() {
        return Admin.create(clientProperties());
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
}
