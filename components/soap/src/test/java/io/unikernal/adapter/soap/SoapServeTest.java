package io.unikernal.adapter.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.ProbeApp;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.FreePort;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.jaxws.endpoint.dynamic.JaxWsDynamicClientFactory;
import org.apache.cxf.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Operations served by UDL routes, called by plain HTTP POSTs of SOAP envelopes and by CXF's dynamic client (which
 * compiles the WSDL's schema itself): the response is the route's body; a route's failure is a SOAP fault in the
 * kernel's words (a rejected message a Client fault, anything else a Server fault).
 */
class SoapServeTest {

    @TempDir
    Path workDir;

    private final int port = FreePort.loopback();

    private String url() {
        return "http://127.0.0.1:" + port + "/quotes";
    }

    private String app(String name) {
        Path wsdl = ContractWsdl.write(workDir);
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  quotes: {adapter: soap, port: " + port + ", path: /quotes, wsdl: \"" + wsdl + "\"}\n"
                + "  nowhere: {adapter: soap, address: \"http://127.0.0.1:" + FreePort.loopback() + "/none\","
                + " wsdl: \"" + wsdl + "\"}\n"
                + "  seen: {adapter: contract-probe}\n  parked: {adapter: contract-probe}\n"
                + "schemas:\n  Quote:\n    version: 1\n    fields:\n      symbol: {type: string, required: true}\n"
                + "      quantity: {type: int, min: 1}\n"
                + "routes:\n"
                + "  - name: quote\n    from: {system: quotes, operation: GetQuote}\n    steps:\n"
                + "      - validate: Quote\n      - to: seen\n"
                + "    reply: {body: \"{'symbol': symbol, 'price': double(quantity) * 2.5,"
                + " 'tag': ['fresh', symbol]}\"}\n"
                + "    deadLetter: parked\n"
                + "  - name: take\n    from: {system: quotes, operation: Take}\n    steps:\n"
                + "      - to: {system: nowhere, operation: Take}\n    deadLetter: parked\n"
                + "  - name: notify\n    from: {system: quotes, operation: Notify}\n    steps:\n"
                + "      - to: seen\n";
    }

    private static String name() {
        return "soap-serve-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String quote(String symbol, int quantity) {
        return SoapXml.envelope("<q:GetQuote xmlns:q=\"" + ContractWsdl.NS + "\"><q:symbol>" + symbol
                + "</q:symbol><q:quantity>" + quantity + "</q:quantity></q:GetQuote>");
    }

    @Test
    void theResponseIsTheRoutesBodyAndTheRequestReachesTheRouteAsTypedJson() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            SoapPost.Reply reply = SoapPost.post(url(), quote("ACME", 4), Map.of("X-Correlation-Id", "corr-q-1"));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.header("X-Correlation-Id")).isEqualTo("corr-q-1");
            Element response = SoapXml.bodyElement(SoapXml.parse(reply.body()));
            assertThat(response.getLocalName()).isEqualTo("GetQuoteResponse");
            assertThat(response.getNamespaceURI()).isEqualTo(ContractWsdl.NS);
            assertThat(SoapXml.child(response, "symbol")).isEqualTo("ACME");
            assertThat(Double.parseDouble(SoapXml.child(response, "price"))).isEqualTo(10.0);
            List<String> tags = children(response, "tag");
            assertThat(tags).containsExactly("fresh", "ACME");
            Probes.Record seen = app.recorded("seen").get(0);
            assertThat(seen.body()).isEqualTo(Map.of("symbol", "ACME", "quantity", 4L));
            assertThat(seen.headers()).containsEntry("UdmCorrelationId", "corr-q-1")
                    .containsEntry("UdmSource", "quotes");
        }
    }

    @Test
    void httpHeadersReachTheRouteExceptCamelAndEnvelopeOnes() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            SoapPost.Reply reply = SoapPost.post(url(), quote("HDR", 1), Map.of("X-Tenant", "acme",
                    "CamelFileName", "/etc/passwd", "UdmSource", "forged", "UdmCaller", "admin"));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.response().headers().map().keySet()).noneMatch(k -> k.toLowerCase().startsWith("udm")
                    || k.toLowerCase().startsWith("camel"));
            Probes.Record seen = app.recorded("seen").get(0);
            assertThat(seen.headers()).containsEntry("X-Tenant", "acme").containsEntry("UdmSource", "quotes")
                    .doesNotContainKey("UdmCaller")
                    .satisfies(h -> assertThat(h.keySet()).noneMatch(k -> k.equalsIgnoreCase("camelfilename")));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCxfDynamicClientBuiltFromTheWsdlCallsTheOperation() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            Client client = JaxWsDynamicClientFactory.newInstance()
                    .createClient(ContractWsdl.write(workDir).toUri().toURL());
            try {
                client.getRequestContext().put(Message.ENDPOINT_ADDRESS, url());
                Object[] result = client.invoke("GetQuote", "ZETA", 2);
                assertThat(result).hasSize(3);
                assertThat(result[0]).isEqualTo("ZETA");
                assertThat(((java.math.BigDecimal) result[1]).doubleValue()).isEqualTo(5.0);
                assertThat((List<Object>) result[2]).containsExactly("fresh", "ZETA");
            } finally {
                client.destroy();
            }
            assertThat(app.recorded("seen")).extracting(Probes.Record::body)
                    .containsExactly(Map.of("symbol", "ZETA", "quantity", 2L));
        }
    }

    @Test
    void aRejectedMessageIsAClientFaultWithTheKernelsReasonAndIsDeadLettered() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            SoapPost.Reply reply = SoapPost.post(url(), quote("ACME", 0), Map.of("X-Correlation-Id", "corr-q-0"));
            assertThat(reply.status()).isEqualTo(500);
            Fault fault = Fault.of(reply.body());
            assertThat(fault.code()).isEqualTo("Client");
            assertThat(fault.text()).contains("quantity").doesNotContain("Exception");
            assertThat(fault.correlationId()).isEqualTo("corr-q-0");
            assertThat(fault.status()).as("the error reply's status is the detail's").matches("4[0-9][0-9]");
            assertThat(app.recorded("seen")).isEmpty();
            assertThat(app.recorded("parked")).hasSize(1);
        }
    }

    @Test
    void anyOtherFailureIsAServerFaultInTheKernelsGenericWords() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            SoapPost.Reply reply = SoapPost.post(url(), SoapXml.envelope(SoapXml.take("t-1", 1, "x")), Map.of());
            assertThat(reply.status()).isEqualTo(500);
            Fault fault = Fault.of(reply.body());
            assertThat(fault.code()).isEqualTo("Server");
            assertThat(fault.text()).contains("could not be processed").doesNotContain("Exception")
                    .doesNotContain("refused").doesNotContain("/none");
            assertThat(app.recorded("parked")).hasSize(1);
        }
    }

    @Test
    void anUnknownOperationIsAFaultAndNoRouteRuns() throws Exception {
        assertClientFaultBeforeAnyRoute(SoapXml.envelope("<q:Nope xmlns:q=\"" + ContractWsdl.NS
                + "\"><q:symbol>ACME</q:symbol></q:Nope>"));
    }

    @Test
    void malformedXmlIsAFaultAndTheServerGoesOnServing() throws Exception {
        assertClientFaultBeforeAnyRoute(SoapXml.envelope("<q:GetQuote xmlns:q=\"" + ContractWsdl.NS
                + "\"><q:symbol>ACME</q:GetQuote>"));
    }

    /** CXF's own Client fault (no Java words), no route runs, and the next good request is served. */
    private void assertClientFaultBeforeAnyRoute(String envelope) throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            SoapPost.Reply reply = SoapPost.post(url(), envelope, Map.of());
            assertThat(reply.status()).isEqualTo(500);
            assertThat(Fault.of(reply.body()).code()).isEqualTo("Client");
            assertThat(Fault.of(reply.body()).text()).doesNotContain("Exception").doesNotContain("org.apache");
            assertThat(app.recorded("seen")).isEmpty();
            assertServing();
        }
    }

    @Test
    void theWsdlIsAnsweredOnThePath() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url() + "?wsdl")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            Document wsdl = SoapXml.parse(response.body());
            assertThat(wsdl.getDocumentElement().getLocalName()).isEqualTo("definitions");
            assertThat(response.body()).contains("GetQuote").contains(url());
        }
    }

    @Test
    void aSoap12BindingAnswersSoap12EnvelopesAndSenderFaults() throws Exception {
        String name = name();
        Path wsdl = java.nio.file.Files.writeString(workDir.resolve("orders12.wsdl"), ContractWsdl.TEXT
                .replace("http://schemas.xmlsoap.org/wsdl/soap/", "http://schemas.xmlsoap.org/wsdl/soap12/"));
        String udl = app(name).replaceFirst("wsdl: \"[^\"]*\"\\}", "wsdl: \"" + wsdl + "\"}");
        String soap12 = "http://www.w3.org/2003/05/soap-envelope";
        try (ProbeApp app = ProbeApp.start(name, udl, workDir)) {
            String good = "<e:Envelope xmlns:e=\"" + soap12 + "\"><e:Body><q:GetQuote xmlns:q=\"" + ContractWsdl.NS
                    + "\"><q:symbol>ACME</q:symbol><q:quantity>2</q:quantity></q:GetQuote></e:Body></e:Envelope>";
            SoapPost.Reply reply = SoapPost.post(url(), good, Map.of("Content-Type", "application/soap+xml"));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            Document answer = SoapXml.parse(reply.body());
            assertThat(answer.getDocumentElement().getNamespaceURI()).isEqualTo(soap12);
            assertThat(Double.parseDouble(answer.getElementsByTagNameNS(ContractWsdl.NS, "price").item(0)
                    .getTextContent())).isEqualTo(5.0);
            SoapPost.Reply refused = SoapPost.post(url(), good.replace(">2<", ">0<"),
                    Map.of("Content-Type", "application/soap+xml"));
            Document fault = SoapXml.parse(refused.body());
            Element code = (Element) fault.getElementsByTagNameNS(soap12, "Value").item(0);
            assertThat(code.getTextContent()).endsWith(":Sender");
        }
    }

    @Test
    void aOneWayOperationIsAcceptedAndItsRouteRuns() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            SoapPost.Reply reply = SoapPost.post(url(), SoapXml.envelope("<q:Notice xmlns:q=\"" + ContractWsdl.NS
                    + "\"><q:text>hello</q:text></q:Notice>"), Map.of());
            assertThat(reply.status()).as(reply.body()).isEqualTo(202);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> !app.recorded("seen").isEmpty());
            assertThat(app.recorded("seen").get(0).body()).isEqualTo(Map.of("text", "hello"));
        }
    }

    @Test
    void aReplyThatCannotBeTheResponseElementIsAServerFault() throws Exception {
        String name = name();
        String udl = app(name).replace("reply: {body: \"{'symbol': symbol,", "reply: {body: \"{'not a name': symbol,");
        try (ProbeApp app = ProbeApp.start(name, udl, workDir)) {
            SoapPost.Reply reply = SoapPost.post(url(), quote("ACME", 1), Map.of("X-Correlation-Id", "corr-q-9"));
            assertThat(reply.status()).isEqualTo(500);
            Fault fault = Fault.of(reply.body());
            assertThat(fault.code()).isEqualTo("Server");
            assertThat(fault.text()).isEqualTo("the reply could not be made");
            assertThat(fault.correlationId()).isEqualTo("corr-q-9");
            assertThat(fault.status()).as("no error reply, no status").isNull();
        }
    }

    @Test
    void whenTheAppStopsItsPortIsClosed() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            assertServing();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SoapPost.post(url(), quote("LATE", 1), Map.of()))
                .isInstanceOf(java.net.ConnectException.class);
    }

    private void assertServing() throws Exception {
        SoapPost.Reply good = SoapPost.post(url(), quote("GOOD", 1), Map.of());
        assertThat(good.status()).as(good.body()).isEqualTo(200);
    }

    static List<String> children(Element parent, String name) {
        List<String> values = new java.util.ArrayList<>();
        for (org.w3c.dom.Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && name.equals(element.getLocalName())) {
                values.add(element.getTextContent());
            }
        }
        return values;
    }

    /** A SOAP 1.1 fault read with a plain parser: its code's local name, its string, the detail's correlation id. */
    record Fault(String code, String text, String correlationId, String status) {
        static Fault of(String xml) {
            Document document = SoapXml.parse(xml);
            Element fault = (Element) document.getElementsByTagNameNS(SoapXml.SOAP11, "Fault").item(0);
            assertThat(fault).as("a SOAP fault in " + xml).isNotNull();
            String code = SoapXml.child(fault, "faultcode");
            var ids = document.getElementsByTagNameNS("urn:unikernal:soap", "correlationId");
            var statuses = document.getElementsByTagNameNS("urn:unikernal:soap", "status");
            return new Fault(code.substring(code.indexOf(':') + 1), SoapXml.child(fault, "faultstring"),
                    ids.getLength() == 0 ? null : ids.item(0).getTextContent(),
                    statuses.getLength() == 0 ? null : statuses.item(0).getTextContent());
        }
    }
}
