package io.unikernal.adapter.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.adapter.http.HttpServerAdapter;
import io.unikernal.testkit.http.Http;
import io.unikernal.testkit.probe.ProbeApp;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.jaxws.endpoint.dynamic.JaxWsDynamicClientFactory;
import org.apache.cxf.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * {@code listener: http}: SOAP operations served on the app's one HTTP listener, beside a REST route on the same
 * port — CXF's dynamic client and plain POSTs of envelopes answered there, in process and from the emitted YAML; the
 * behaviours of a listener of its own hold (a rejected message a Client fault with the correlation id, a DTD refused
 * before any route); the listener's settings are checked like every system that shares it.
 */
class SoapOnHttpListenerTest {

    @TempDir
    Path workDir;

    private static String name() {
        return "soap-on-http-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String app(String name, int port) {
        Path wsdl = ContractWsdl.write(workDir);
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  quotes: {adapter: soap, listener: http, port: " + port + ", path: /quotes, wsdl: \"" + wsdl
                + "\"}\n"
                + "  rest: {adapter: http, port: " + port + ", path: /rest}\n"
                + "  seen: {adapter: contract-probe}\n  parked: {adapter: contract-probe}\n"
                + "schemas:\n  Quote:\n    version: 1\n    fields:\n      symbol: {type: string, required: true}\n"
                + "      quantity: {type: int, min: 1}\n"
                + "routes:\n"
                + "  - name: quote\n    from: {system: quotes, operation: GetQuote}\n    steps:\n"
                + "      - validate: Quote\n      - to: seen\n"
                + "    reply: {body: \"{'symbol': symbol, 'price': double(quantity) * 2.5, 'tag': [symbol]}\"}\n"
                + "    deadLetter: parked\n"
                + "  - name: echo\n    from: {system: rest, method: POST}\n"
                + "    steps:\n      - transform: {set: {echoed: \"true\"}}\n";
    }

    private static String quote(String symbol, int quantity) {
        return SoapXml.envelope("<q:GetQuote xmlns:q=\"" + ContractWsdl.NS + "\"><q:symbol>" + symbol
                + "</q:symbol><q:quantity>" + quantity + "</q:quantity></q:GetQuote>");
    }

    @Test
    void soapAndRestAreAnsweredOnOnePort() throws Exception {
        int port = FreePort.loopback();
        String name = name();
        String url = "http://127.0.0.1:" + port + "/quotes";
        TwoWayRun.Outcomes<Boolean> runs = TwoWayRun.run(name + ".udl.yaml", app(name, port),
                ProbeApps.with(new SoapAdapter(), new HttpServerAdapter()), Map.of(), workDir, app -> {
                    SoapPost.Reply reply = SoapPost.post(url, quote("ACME", 4), Map.of("X-Correlation-Id", "c-1"));
                    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                    assertThat(reply.header("X-Correlation-Id")).isEqualTo("c-1");
                    Element response = SoapXml.bodyElement(SoapXml.parse(reply.body()));
                    assertThat(response.getLocalName()).isEqualTo("GetQuoteResponse");
                    assertThat(Double.parseDouble(SoapXml.child(response, "price"))).isEqualTo(10.0);
                    Client client = JaxWsDynamicClientFactory.newInstance()
                            .createClient(ContractWsdl.write(workDir).toUri().toURL());
                    try {
                        client.getRequestContext().put(Message.ENDPOINT_ADDRESS, url);
                        Object[] result = client.invoke("GetQuote", "ZETA", 2);
                        assertThat(result[0]).isEqualTo("ZETA");
                        assertThat(((java.math.BigDecimal) result[1]).doubleValue()).isEqualTo(5.0);
                    } finally {
                        client.destroy();
                    }
                    HttpResponse<String> rest = Http.postForResponse(port, "/rest", "{\"id\": \"a\"}");
                    assertThat(rest.statusCode()).isEqualTo(200);
                    assertThat(rest.body()).contains("\"echoed\":true");
                    return true;
                });
        assertThat(runs.inProcess()).isTrue();
        assertThat(runs.emitted()).isTrue();
    }

    @Test
    void aRejectedMessageIsAClientFaultAndADtdIsRefusedBeforeAnyRoute() throws Exception {
        int port = FreePort.loopback();
        String name = name();
        String url = "http://127.0.0.1:" + port + "/quotes";
        try (ProbeApp app = ProbeApp.start(name, app(name, port), workDir)) {
            SoapPost.Reply rejected = SoapPost.post(url, quote("ACME", 0), Map.of("X-Correlation-Id", "c-0"));
            assertThat(rejected.status()).isEqualTo(500);
            SoapServeTest.Fault fault = SoapServeTest.Fault.of(rejected.body());
            assertThat(fault.code()).isEqualTo("Client");
            assertThat(fault.text()).contains("quantity").doesNotContain("Exception");
            assertThat(fault.correlationId()).isEqualTo("c-0");
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + quote("&x;", 1).replaceFirst("^<\\?xml[^>]*>", "");
            SoapPost.Reply refused = SoapPost.post(url, xxe, Map.of());
            assertThat(refused.status()).isBetween(400, 500);
            assertThat(refused.body()).doesNotContain("root:").doesNotContain("Exception");
            assertThat(app.recorded("seen")).isEmpty();
            assertThat(app.recorded("parked")).hasSize(1);
        }
    }

    @Test
    void anotherPortThanTheHttpSystemsIsAListenerConflict() {
        ContractWsdl.write(workDir);
        String udl = "udl: 8\nname: app\nsystems:\n"
                + "  quotes: {adapter: soap, listener: http, port: 9001, wsdl: orders.wsdl}\n"
                + "  rest: {adapter: http, port: 9000}\n"
                + "routes:\n  - name: quote\n    from: {system: quotes, operation: GetQuote}\n"
                + "    reply: {body: \"{'symbol': 'x'}\"}\n"
                + "  - name: echo\n    from: rest\n    reply: {body: \"'ok'\"}\n";
        List<String> problems = new UdlParser(ProbeApps.with(new SoapAdapter(), new HttpServerAdapter()))
                .parse(workDir.resolve("app.udl").toString(), udl).problems().stream().map(UdlError::headline)
                .toList();
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("port").endsWith("[UDL-029]"));
    }
}
