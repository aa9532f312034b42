package io.unikernal.testkit.server;

import io.unikernal.testkit.tls.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A RabbitMQ node of a test's own: a second node ({@code uk-<id>@localhost}) beside the machine's, with its own
 * config file (one listener on a free loopback port), distribution port, database, logs, plugins file and feature
 * flags file, all under {@code target/private-servers/rabbitmq-*} and owned by the user {@code rabbitmq}, which the
 * node runs as when the build runs as root. The machine's {@code /etc/rabbitmq/rabbitmq.conf} pins 5672, so the node
 * must not read it. A start takes about 6 s, a stop about 4 s. {@link #stop()} ends the node (SIGTERM: the server
 * script stops it in order; durable queues and persistent messages are kept) and {@link #start()} starts it again
 * with the same data on the same port; {@link #close()} kills it and deletes the folder. The user {@code guest}
 * (password {@code guest}) may log in from loopback. Never the machine's shared node on 5672.
 */
public final class PrivateRabbitMq extends ProcessServer {

    private static final String USER = "rabbitmq";
    /** The server script of the Debian package; {@code -Dunikernal.rabbitmq.server} to use another. */
    private static final String SERVER = System.getProperty("unikernal.rabbitmq.server",
            "/usr/lib/rabbitmq/bin/rabbitmq-server");
    /** AMQP 0-9-1's protocol header: a node that is ready answers it with a connection.start method frame. */
    private static final byte[] PROTOCOL_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
    private static final int METHOD_FRAME = 1;

    private final int distributionPort;
    private final String node;
    private int tlsPort;

    private PrivateRabbitMq() {
        super("rabbitmq");
        this.distributionPort = FreePort.loopback();
        this.node = "uk-" + dir.getFileName().toString().replace("rabbitmq-", "") + "@localhost";
        configure();
    }

    /**
     * A fresh node, not started yet, with a TLS listener ({@link #tlsPort()}) beside the plain one: the certificates'
     * server certificate (for 127.0.0.1 and localhost); with {@code requireClientCertificates} the TLS listener also
     * wants a client certificate their CA signed.
     */
    public static PrivateRabbitMq createTls(TestCertificates certs, boolean requireClientCertificates) {
        PrivateRabbitMq rabbit = create();
        rabbit.tlsPort = FreePort.loopback();
        StringBuilder text = new StringBuilder("listeners.ssl.default = 127.0.0.1:").append(rabbit.tlsPort)
                .append('\n');
        // copies the node's user owns: it reads them as that user
        Map<String, Path> files = Map.of("cacertfile", certs.caPem(), "certfile", certs.serverPem(), "keyfile",
                certs.serverKeyPem());
        files.forEach((setting, file) -> text.append("ssl_options.").append(setting).append(" = ")
                .append(Processes.ownedCopy(USER, rabbit.dir, file, setting + ".pem")).append('\n'));
        text.append("ssl_options.verify = verify_peer\n")
                .append("ssl_options.fail_if_no_peer_cert = ").append(requireClientCertificates).append('\n');
        try {
            Files.writeString(rabbit.dir.resolve("rabbitmq.conf"), text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the private RabbitMQ node's TLS settings in " + rabbit.dir,
                    e);
        }
        return rabbit;
    }

    /** The TLS listener's port ({@link #createTls} nodes only). */
    public int tlsPort() {
        if (tlsPort == 0) {
            throw new IllegalStateException(this + " has no TLS listener: make it with createTls");
        }
        return tlsPort;
    }

    /** Starts a fresh node with no queues or exchanges of its own. */
    public static PrivateRabbitMq launch() {
        PrivateRabbitMq rabbit = create();
        rabbit.start();
        return rabbit;
    }

    /** A fresh node, configured but not started yet: for tests of a broker that is down when an app starts. */
    public static PrivateRabbitMq create() {
        return new PrivateRabbitMq();
    }

    private void configure() {
        try {
            Path database = Files.createDirectories(dir.resolve("mnesia"));
            Path logs = Files.createDirectories(dir.resolve("log"));
            Path config = Files.writeString(dir.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + port
                    + "\nloopback_users.guest = true\n");
            Path plugins = Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
            Processes.giveTo(USER, dir, database, logs, config, plugins);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the private RabbitMQ node's files in " + dir, e);
        }
    }

    @Override
    List<String> command() {
        return Processes.as(USER, List.of(SERVER));
    }

    @Override
    Map<String, String> environment() {
        return Map.of("RABBITMQ_NODENAME", node,
                "RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString(),
                "RABBITMQ_DIST_PORT", String.valueOf(distributionPort),
                "RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString(),
                "RABBITMQ_LOG_BASE", dir.resolve("log").toString(),
                "RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString(),
                "RABBITMQ_FEATURE_FLAGS_FILE", dir.resolve("feature_flags").toString());
    }

    @Override
    boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(PROTOCOL_HEADER);
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read() == METHOD_FRAME;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The node's name, e.g. {@code uk-1a2b3c4d@localhost}. */
    public String node() {
        return node;
    }

    @Override
    public String toString() {
        return "private RabbitMQ node " + node + " on 127.0.0.1:" + port;
    }
}
