package io.unikernal.adapter.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.unikernal.testkit.probe.ProbeApp;
import io.unikernal.testkit.server.FreePort;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile requests to a served operation: each is answered with a SOAP fault before any route runs, nothing it names
 * is read or fetched, and the server goes on serving. The XXE attempts point an external entity at a local file and
 * at a loopback HTTP server of the test, which counts every request it gets.
 */
class SoapHardeningTest {

    private static final String SECRET = "top-secret-" + UUID.randomUUID();

    @TempDir
    Path workDir;

    private final int port = FreePort.loopback();
    private HttpServer bait;
    private final AtomicInteger baitRequests = new AtomicInteger();
    private ProbeApp app;
    private String name;

    @BeforeEach
    void start() throws Exception {
        bait = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bait.createContext("/", exchange -> {
            baitRequests.incrementAndGet();
            byte[] body = SECRET.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        bait.start();
        Path wsdl = ContractWsdl.write(workDir);
        name = "soap-hardening-" + UUID.randomUUID().toString().substring(0, 8);
        app = ProbeApp.start(name, "udl: 8\nname: " + name + "\nsystems:\n"
                + "  orders: {adapter: soap, port: " + port + ", path: /orders, wsdl: \"" + wsdl + "\","
                + " maxMessageBytes: 4096, maxDepth: 12}\n"
                + "  seen: {adapter: contract-probe}\n"
                + "routes:\n  - name: take\n    from: {system: orders, operation: Take}\n    steps:\n"
                + "      - to: seen\n", workDir);
    }

    @AfterEach
    void stop() {
        app.close();
        bait.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + port + "/orders";
    }

    private SoapPost.Reply post(String envelope) throws Exception {
        return SoapPost.post(url(), envelope, Map.of());
    }

    private void assertRefusedAndStillServing(SoapPost.Reply reply) throws Exception {
        assertThat(reply.status()).as(reply.body()).isEqualTo(500);
        assertThat(SoapServeTest.Fault.of(reply.body()).text()).isNotBlank().doesNotContain("Exception");
        assertThat(app.recorded("seen")).isEmpty();
        SoapPost.Reply good = post(SoapXml.envelope(SoapXml.take("good", 1, "fine")));
        assertThat(good.status()).as(good.body()).isEqualTo(200);
        assertThat(app.recorded("seen")).hasSize(1);
    }

    @Test
    void anExternalEntityNamingALocalFileIsRefusedAndTheFileIsNotRead() throws Exception {
        Path secret = Files.writeString(workDir.resolve("secret.txt"), SECRET);
        SoapPost.Reply reply = post("<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">]>" + SoapXml.envelope(SoapXml.take("&xxe;", 1, "x")).replaceFirst(
                "<\\?xml[^>]*\\?>", ""));
        assertThat(reply.body()).doesNotContain(SECRET);
        assertRefusedAndStillServing(reply);
    }

    @Test
    void anExternalEntityNamingAnHttpServerIsRefusedAndNothingIsFetched() throws Exception {
        String envelope = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY xxe SYSTEM \"http://127.0.0.1:"
                + bait.getAddress().getPort() + "/xxe\">]>"
                + SoapXml.envelope(SoapXml.take("&xxe;", 1, "x")).replaceFirst("<\\?xml[^>]*\\?>", "");
        SoapPost.Reply reply = post(envelope);
        assertThat(reply.body()).doesNotContain(SECRET);
        assertRefusedAndStillServing(reply);
        // a parameter entity in an external DTD subset as well
        SoapPost.Reply dtd = post("<?xml version=\"1.0\"?><!DOCTYPE e SYSTEM \"http://127.0.0.1:"
                + bait.getAddress().getPort() + "/evil.dtd\">" + SoapXml.envelope(SoapXml.take("t", 1, "x"))
                .replaceFirst("<\\?xml[^>]*\\?>", ""));
        assertThat(dtd.status()).isEqualTo(500);
        assertThat(baitRequests).hasValue(0);
    }

    @Test
    void aRequestLargerThanTheLimitIsRefused() throws Exception {
        assertRefusedAndStillServing(post(SoapXml.envelope(SoapXml.take("big", 1, "x".repeat(10_000)))));
    }

    @Test
    void aRequestOfManySmallElementsLargerThanTheLimitIsRefused() throws Exception {
        String many = "<o:extra>abcdefgh</o:extra>".repeat(400);
        assertRefusedAndStillServing(post(SoapXml.envelope("<o:Take xmlns:o=\"" + ContractWsdl.NS + "\"><o:id>many"
                + "</o:id><o:n>1</o:n><o:note>x</o:note>" + many + "</o:Take>")));
    }

    @Test
    void aRequestNestedDeeperThanTheLimitIsRefused() throws Exception {
        String deep = "<a>".repeat(20) + "x" + "</a>".repeat(20);
        assertRefusedAndStillServing(post(SoapXml.envelope("<o:Take xmlns:o=\"" + ContractWsdl.NS + "\"><o:id>deep"
                + "</o:id><o:n>1</o:n><o:note>" + deep + "</o:note></o:Take>")));
    }

    @Test
    void aBillionLaughsEntityIsRefused() throws Exception {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;\">]>" + SoapXml.envelope(SoapXml.take("&c;", 1, "x"))
                .replaceFirst("<\\?xml[^>]*\\?>", "");
        assertRefusedAndStillServing(post(laughs));
    }
}
