package io.unikernal.adapter.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.tls.TestCertificates;
import io.unikernal.udl.testing.TwoWayRun;
import io.unikernal.udm.UdmHeaders;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote GraphQL endpoint over HTTPS (the test's own CA): with the CA as the system's truststore (the shared TLS
 * options) the call is made; with a truststore of another CA the call fails on TLS, is dead-lettered with that
 * reason, and the remote never runs the operation.
 */
class GraphqlTlsTest {

    @TempDir
    Path workDir;

    @Test
    void theRemotesCertificateIsCheckedAgainstTheTruststore() throws Exception {
        TestCertificates certs = TestCertificates.create(workDir.resolve("certs"));
        String name = "gql-tls-" + UUID.randomUUID().toString().substring(0, 8);
        try (RemoteGraphql remote = new RemoteGraphql(serverContext(certs.serverP12()))) {
            String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                    + "  trusted: {adapter: graphql, url: \"" + remote.url() + "\", truststore: \"" + certs.caPem()
                    + "\", truststoreType: PEM}\n"
                    + "  stranger: {adapter: graphql, url: \"" + remote.url() + "\", truststore: \""
                    + certs.otherCaPem() + "\", truststoreType: PEM}\n"
                    + "  good: {adapter: contract-probe}\n  bad: {adapter: contract-probe}\n"
                    + "  seen: {adapter: contract-probe}\n  parked: {adapter: contract-probe}\n"
                    + "routes:\n"
                    + "  - name: good\n    from: good\n    steps:\n"
                    + "      - to: {system: trusted, query: \"query Q($id: ID!) { order(id: $id) { id } }\"}\n"
                    + "      - to: seen\n    deadLetter: parked\n"
                    + "  - name: bad\n    from: bad\n    steps:\n"
                    + "      - to: {system: stranger, query: \"query Q($id: ID!) { order(id: $id) { id } }\"}\n"
                    + "      - to: seen\n    deadLetter: parked\n";
            TwoWayRun.Outcomes<List<Object>> runs = TwoWayRun.run(name + ".udl.yaml", udl,
                    ProbeApps.with(new GraphqlAdapter()), Map.of(), workDir, app -> {
                        Probes.forget(name);
                        remote.reset();
                        List<Object> seen = new ArrayList<>();
                        try (ProducerTemplate producer = app.context().createProducerTemplate()) {
                            producer.sendBodyAndHeader(Probes.feedUri(name, "good"), Map.of("id", "t-1"),
                                    UdmHeaders.CORRELATION_ID, "corr-t1");
                            seen.add(Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Probes.recorded(
                                    name, "seen"), r -> !r.isEmpty()).get(0).body());
                            producer.sendBodyAndHeader(Probes.feedUri(name, "bad"), Map.of("id", "t-2"),
                                    UdmHeaders.CORRELATION_ID, "corr-t2");
                            Object parked = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Probes
                                    .recorded(name, "parked"), r -> !r.isEmpty()).get(0).body();
                            seen.add(String.valueOf(((Map<?, ?>) parked).get("reason")).startsWith(
                                    "GraphQL call to " + remote.url() + " TLS failed"));
                        }
                        seen.add(remote.calls().size());
                        return seen;
                    });
            assertThat(runs.inProcess()).containsExactly(Map.of("order", Map.of("id", "t-1")), true, 1);
            assertThat(runs.emitted()).isEqualTo(runs.inProcess());
        }
    }

    private static SSLContext serverContext(Path p12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, TestCertificates.STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, TestCertificates.STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
