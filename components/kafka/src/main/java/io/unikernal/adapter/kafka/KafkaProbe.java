package io.unikernal.adapter.kafka;

import io.unikernal.runtime.health.AbstractSystemProbe;
import io.unikernal.runtime.health.ProbeResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * The probe of a kafka system. First each bootstrap address is resolved and connected to (a plain TCP connect, within
 * the timeout): an unknown host is permanent, a refused connection to every broker transient — the Kafka client
 * itself would only retry quietly until its timeout and say "timed out". Then an admin client with the system's
 * security settings asks for the cluster's description ({@code describeCluster}, bounded by the timeout), which
 * authenticates: a refused login or TLS handshake is permanent ({@link KafkaFailures}).
 */
public class KafkaProbe extends AbstractSystemProbe {

    private KafkaSystem client;
    private Duration timeout = Duration.ofSeconds(5);

    public void setClient(KafkaSystem client) {
        this.client = client;
    }

    /** How long one check may take, in milliseconds. */
    public void setTimeoutMillis(long millis) {
        this.timeout = Duration.ofMillis(millis);
    }

    @Override
    public ProbeResult check() {
        ProbeResult reachable = reachable();
        if (reachable != null) {
            return reachable;
        }
        Properties props = client.clientProperties();
        int ms = (int) timeout.toMillis();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(ms, 2000));
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(ms, 2000));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "unikernal-probe-" + system());
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).nodes()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return ProbeResult.up();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unavailable("interrupted while asking the brokers");
        } catch (Exception e) {
            return KafkaFailures.classify(e);
        }
    }

    /** Null when some bootstrap broker accepts a connection; else what the network said. */
    private ProbeResult reachable() {
        List<String> refused = new ArrayList<>();
        for (String address : client.getBrokers().split(",")) {
            String hostPort = address.strip();
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                return ProbeResult.misconfigured("broker address '" + hostPort + "' has no port",
                        "write brokers as host:port, comma-separated");
            }
            String host = hostPort.substring(0, colon);
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            InetAddress ip;
            try {
                ip = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                return ProbeResult.misconfigured("unknown host " + host, "check the host names in brokers");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(ip, port), (int) Math.min(timeout.toMillis(), 2000));
                return null;
            } catch (IOException e) {
                refused.add(hostPort + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + ")");
            }
        }
        return ProbeResult.unavailable("cannot connect to " + String.join(", ", refused));
    }
}
