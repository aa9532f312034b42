package io.unikernal.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.adapter.soap.component.SecureXml;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * examples/soap-quotes, in process and from the compiled YAML, called as any SOAP client would: a POST of the
 * example's own request.xml envelope, the reply read with a plain (hardened) JDK parser. A valid request is priced; an
 * invalid one gets a Client fault with the violation and is kept in the rejects folder. The example's own files, with
 * the port and folder of this run.
 */
class SoapQuotesExampleTest {

    private static final Path EXAMPLE = Path.of("soap-quotes");
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String NS = "urn:example:quotes";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @Test
    void aRequestIsPricedAndAnInvalidOneIsAClientFaultWithTheViolation() throws Exception {
        int port = FreePort.loopback();
        Path rejects = tmp.resolve("rejects");
        Files.copy(EXAMPLE.resolve("quotes.wsdl"), tmp.resolve("quotes.wsdl"));
        Path udl = Files.writeString(tmp.resolve("quotes.udl.yaml"), Files.readString(EXAMPLE.resolve(
                "quotes.udl.yaml")).replace("port: 8081", "port: " + port)
                .replace("directory: rejects", "directory: \"" + rejects + "\""));
        String request = Files.readString(EXAMPLE.resolve("request.xml"));
        String url = "http://127.0.0.1:" + port + "/quotes";
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(udl, Map.of(), tmp, app -> {
            List<Object> seen = new ArrayList<>();
            HttpResponse<String> priced = post(url, request);
            Document quote = parse(priced.body());
            seen.add(priced.statusCode());
            seen.add(text(quote, NS, "symbol") + " x" + text(quote, NS, "quantity") + " = "
                    + Double.parseDouble(text(quote, NS, "price")) + " " + text(quote, NS, "currency"));
            HttpResponse<String> refused = post(url, request.replace("ACME", "ZERO")
                    .replace("<q:quantity>3<", "<q:quantity>0<"));
            Document fault = parse(refused.body());
            seen.add(refused.statusCode());
            seen.add(text(fault, "", "faultcode"));
            seen.add(text(fault, "", "faultstring").contains("quantity"));
            Awaitility.await("the refused request in rejects/").atMost(Duration.ofSeconds(30))
                    .until(() -> FolderRecords.read(rejects).stream().anyMatch(r -> r.contains("ZERO")));
            return seen;
        });
        assertThat(outcomes.inProcess()).containsExactly(200, "ACME x3 = 37.5 EUR", 500, "soap:Client", true);
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
    }

    private static HttpResponse<String> post(String url, String envelope) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"urn:example:quotes:GetQuote\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Document parse(String xml) throws Exception {
        Document document = SecureXml.documentBuilderFactory().newDocumentBuilder().parse(new ByteArrayInputStream(
                xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getElementsByTagNameNS(SOAP11, "Envelope").getLength()).as(xml).isEqualTo(1);
        return document;
    }

    private static String text(Document document, String namespace, String name) {
        var nodes = namespace.isEmpty() ? document.getElementsByTagName(name)
                : document.getElementsByTagNameNS(namespace, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }
}
