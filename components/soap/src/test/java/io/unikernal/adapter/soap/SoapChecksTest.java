package io.unikernal.adapter.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.unikernal.adapter.soap.component.SoapOperation;
import io.unikernal.adapter.soap.component.WsdlContract;
import io.unikernal.adapter.soap.component.XmlJson;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The WSDL as the adapter reads it, the XML/JSON mapping both ways, and the UDL checks that use them. */
class SoapChecksTest {

    @TempDir
    Path dir;

    private final SoapAdapter soap = new SoapAdapter();

    @Test
    void theWsdlGivesTheServicePortAndOperationsWithTheirElements() {
        WsdlContract contract = WsdlContract.load(ContractWsdl.write(dir), null);
        assertThat(contract.service().getLocalPart()).isEqualTo("OrdersService");
        assertThat(contract.port().getLocalPart()).isEqualTo("OrdersPort");
        assertThat(contract.operations()).containsOnlyKeys("GetQuote", "Notify", "Take");
        assertThat(contract.operations().get("Notify").oneWay()).isTrue();
        SoapOperation quote = contract.operations().get("GetQuote");
        assertThat(quote.input().element().getLocalPart()).isEqualTo("GetQuote");
        assertThat(quote.input().qualified()).isTrue();
        assertThat(quote.output().element().getLocalPart()).isEqualTo("GetQuoteResponse");
    }

    @Test
    void xmlAndJsonMapByElementNamesWithTheSchemasTypesAndOrder() throws Exception {
        SoapOperation quote = WsdlContract.load(ContractWsdl.write(dir), null).operations().get("GetQuote");
        // typed by the schema: quantity is xs:int; unknown elements stay text; attributes are @keys; nil is null
        Element request = SoapXml.parse("<q:GetQuote xmlns:q=\"" + ContractWsdl.NS + "\" xmlns:xsi=\""
                + "http://www.w3.org/2001/XMLSchema-instance\"><q:symbol>ACME</q:symbol><q:quantity>12</q:quantity>"
                + "<q:extra unit=\"kg\">3</q:extra><q:extra>4</q:extra><q:gone xsi:nil=\"true\"/></q:GetQuote>")
                .getDocumentElement();
        assertThat(StrictJson.write(XmlJson.toJson(request, quote.input().shape()))).isEqualTo(
                "{\"symbol\":\"ACME\",\"quantity\":12,\"extra\":[{\"@unit\":\"kg\",\"#text\":\"3\"},\"4\"],"
                        + "\"gone\":null}");
        // going out: the schema's order, a repeated element is always an array, decimals typed
        JsonNode reply = StrictJson.MAPPER.readTree("{\"tag\":[\"a\"],\"price\":2.5,\"symbol\":\"ACME\"}");
        Element response = XmlJson.toXml(reply, quote.output().element(), quote.output().qualified(),
                quote.output().shape());
        assertThat(SoapXml.firstElement(response).getLocalName()).isEqualTo("symbol");
        assertThat(SoapXml.firstElement(response).getNamespaceURI()).isEqualTo(ContractWsdl.NS);
        assertThat(StrictJson.write(XmlJson.toJson(response, quote.output().shape())))
                .isEqualTo("{\"symbol\":\"ACME\",\"price\":2.5,\"tag\":[\"a\"]}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> XmlJson.toXml(StrictJson.MAPPER.readTree(
                "{\"a b\": 1}"), quote.input().element(), true, quote.input().shape()))
                .hasMessageContaining("'a b' cannot be an XML element");
    }

    @Test
    void aWsdlWithAnExternalEntityIsRefusedAndNothingIsFetched() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer bait = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bait.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        bait.start();
        try {
            Path wsdl = Files.writeString(dir.resolve("evil.wsdl"), ContractWsdl.TEXT.replaceFirst(
                    "<definitions", "<!DOCTYPE definitions [<!ENTITY x SYSTEM \"http://127.0.0.1:"
                            + bait.getAddress().getPort() + "/x\">]>\n<definitions").replace("OrdersService\">",
                    "OrdersService\"><documentation>&x;</documentation>"));
            assertThat(ProbeApps.problems(soap, "  remote: {adapter: soap, address: \"http://127.0.0.1:9/x\", wsdl: \""
                    + wsdl + "\"}\n", "to: {system: remote, operation: Take}")).singleElement().asString()
                    .contains("[SOAP-001]").contains("DOCTYPE").doesNotContain("Exception");
            assertThat(requests).hasValue(0);
        } finally {
            bait.stop(0);
        }
    }

    @Test
    void theUdlChecksUseTheWsdl() throws Exception {
        Path wsdl = ContractWsdl.write(dir);
        assertThat(ProbeApps.problems(soap, "  remote: {adapter: soap, address: \"http://127.0.0.1:9/x\", wsdl: \""
                + dir.resolve("nope.wsdl") + "\"}\n", "to: {system: remote, operation: Take}")).singleElement()
                .asString().contains("nope.wsdl").contains("[SOAP-001]");
        Path rpc = Files.writeString(dir.resolve("rpc.wsdl"), ContractWsdl.TEXT.replace("style=\"document\"",
                "style=\"rpc\""));
        assertThat(ProbeApps.problems(soap, "  remote: {adapter: soap, address: \"http://127.0.0.1:9/x\", wsdl: \""
                + rpc + "\"}\n", "to: {system: remote, operation: Take}")).singleElement().asString()
                .contains("rpc style").contains("[SOAP-001]");
        assertThat(ProbeApps.problems(soap, "  remote: {adapter: soap, address: \"http://127.0.0.1:9/x\", wsdl: \""
                + wsdl + "\", service: Nope}\n", "to: {system: remote, operation: Take}")).singleElement().asString()
                .contains("no service Nope").contains("OrdersService").contains("[SOAP-001]");
        assertThat(ProbeApps.problems(soap, "  remote: {adapter: soap, address: \"http://127.0.0.1:9/x\", wsdl: \""
                + wsdl + "\"}\n", "to: {system: remote, operation: Give}")).singleElement().asString()
                .contains("has no operation Give").contains("[SOAP-002]");
        assertThat(ProbeApps.problems(soap, "  remote: {adapter: soap, wsdl: \"" + wsdl + "\"}\n",
                "to: {system: remote, operation: Take}")).singleElement().asString()
                .contains("has no address").contains("[SOAP-004]");
        String serving = "udl: 8\nname: app\nsystems:\n  svc: {adapter: soap, wsdl: \"" + wsdl + "\"}\n"
                + "  seen: {adapter: contract-probe}\nroutes:\n  - name: r\n    from: {system: svc, operation: Take}\n"
                + "    steps:\n      - to: seen\n";
        List<String> problems = new UdlParser(ProbeApps.with(Adapters.installed().all().values()
                .toArray(io.unikernal.spi.adapter.Adapter[]::new))).parse("app.udl", serving).problems().stream()
                .map(UdlError::headline).toList();
        assertThat(problems).singleElement().asString().contains("has no port").contains("[SOAP-003]");
    }
}
