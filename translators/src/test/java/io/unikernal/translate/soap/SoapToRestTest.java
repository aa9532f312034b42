package io.unikernal.translate.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.testing.TwoWayRun;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.handler.MessageContext;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SOAP to REST end to end on loopback: CXF's JAX-WS client (a {@link Dispatch} in PAYLOAD mode, no generated classes)
 * and plain HTTP POSTs of envelopes call the SOAP service a UDL app serves from its WSDL, whose operations call a
 * real HTTP server ({@link ShopRestPeer}); each scenario runs in process and from the emitted Camel YAML under plain
 * Camel Main ({@link TwoWayRun}) and must see the same.
 */
class SoapToRestTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    @TempDir
    Path workDir;
    private Path wsdl;
    private ShopRestPeer rest;
    private final int port = FreePort.loopback();

    @BeforeEach
    void start() throws Exception {
        wsdl = workDir.resolve("shop.wsdl");
        Files.copy(Path.of("src/test/resources/soap-rest/shop.wsdl"), wsdl);
        rest = new ShopRestPeer();
    }

    @AfterEach
    void stop() {
        rest.close();
    }

    private String url() {
        return "http://127.0.0.1:" + port + "/shop";
    }

    private String app(String name) {
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  shop: {adapter: soap, port: " + port + ", path: /shop, wsdl: \"" + wsdl + "\","
                + " service: ShopService, maxMessageBytes: 8192}\n"
                + "  backend: {adapter: http-client, url: \"" + rest.url() + "\"}\n"
                + "translations:\n"
                + "  - name: shop-soap\n    expose: {system: shop, protocol: soap}\n"
                + "    target: {system: backend, path: /shop}\n";
    }

    private <T> T bothWays(TwoWayRun.Scenario<T> scenario) throws Exception {
        String name = "upt-soap-" + UUID.randomUUID().toString().substring(0, 8);
        TwoWayRun.Outcomes<T> outcomes = TwoWayRun.run(name + ".udl.yaml", app(name), Map.of(), workDir, app -> {
            awaitListening();
            return scenario.run(app);
        });
        assertThat(outcomes.emitted()).as("from the emitted YAML as in process").isEqualTo(outcomes.inProcess());
        return outcomes.inProcess();
    }

    /** CXF's Jetty listener starts with the route; wait until it takes connections. */
    private void awaitListening() {
        Awaitility.await("the SOAP listener").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(ConnectException.class)
                .until(() -> post(ShopXml.envelope11("<x/>"), null).statusCode() != 404);
    }

    static String order(String id, String lines, String extra) {
        return "<s:PlaceOrder xmlns:s=\"" + ShopXml.NS + "\" xmlns:xsi=\"" + XSI + "\"><s:order><s:id>" + id
                + "</s:id><s:customerId>9007199254740993</s:customerId><s:express>true</s:express>"
                + "<s:placedAt>2024-05-01T10:00:00.250Z</s:placedAt><s:shipTo><s:street>Main 1</s:street>"
                + "<s:city>Bern</s:city></s:shipTo>" + lines + "<s:note xsi:nil=\"true\"/>" + extra
                + "</s:order></s:PlaceOrder>";
    }

    static String line(String sku, int quantity, String price) {
        return "<s:line><s:sku>" + sku + "</s:sku><s:quantity>" + quantity + "</s:quantity><s:price>" + price
                + "</s:price></s:line>";
    }

    private Dispatch<Source> dispatch(String correlation) throws Exception {
        Service service = Service.create(wsdl.toUri().toURL(), new QName(ShopXml.NS, "ShopService"));
        Dispatch<Source> dispatch = service.createDispatch(new QName(ShopXml.NS, "ShopPort"), Source.class,
                Service.Mode.PAYLOAD);
        dispatch.getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, url());
        dispatch.getRequestContext().put(BindingProvider.SOAPACTION_USE_PROPERTY, true);
        dispatch.getRequestContext().put(BindingProvider.SOAPACTION_URI_PROPERTY, "urn:shop:PlaceOrder");
        dispatch.getRequestContext().put(MessageContext.HTTP_REQUEST_HEADERS, Map.of("X-Correlation-Id",
                List.of(correlation), "Authorization", List.of("Bearer secret")));
        return dispatch;
    }

    private HttpResponse<String> post(String envelope, String correlation) throws Exception {
        return post(envelope, correlation, "urn:shop:PlaceOrder");
    }

    private HttpResponse<String> post(String envelope, String correlation, String action) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope));
        if (correlation != null) {
            request.header("X-Correlation-Id", correlation);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCxfClientsCallCrossesAsJsonAndTheRestReplyComesBackAsTheResponseElement() throws Exception {
        List<Object> seen = bothWays(app -> {
            Dispatch<Source> dispatch = dispatch("corr-sr-1");
            Source response = dispatch.invoke(new StreamSource(new StringReader(order("o-1",
                    line("a", 2, "1.25") + line("b", 1, "10.10"), ""))));
            Element reply = ShopXml.parse(ShopXml.text(response)).getDocumentElement();
            @SuppressWarnings("unchecked")
            Map<String, List<String>> headers = (Map<String, List<String>>) dispatch.getResponseContext()
                    .get(MessageContext.HTTP_RESPONSE_HEADERS);
            List<Object> out = new ArrayList<>();
            out.add(reply.getLocalName() + "@" + reply.getNamespaceURI());
            out.add(ShopXml.value(reply, "orderId"));
            out.add(new BigDecimal(ShopXml.value(reply, "total")).stripTrailingZeros().toPlainString());
            out.add(ShopXml.value(reply, "lineCount"));
            out.add(ShopXml.children(reply, "warning").size());
            Element echo = ShopXml.child(reply, "echo");
            out.add(echo.getNamespaceURI());
            out.add(ShopXml.value(echo, "customerId"));
            out.add(ShopXml.children(echo, "line").size());
            out.add(ShopXml.child(echo, "note").getAttributeNS(XSI, "nil"));
            out.add(ShopXml.child(echo, "coupon") == null);
            out.add(headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("X-Correlation-Id"))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(""));
            // one line: still a JSON list (maxOccurs > 1)
            dispatch("corr-sr-2").invoke(new StreamSource(new StringReader(order("o-2", line("c", 3, "2"), ""))));
            return out;
        });
        assertThat(seen).containsExactly("PlaceOrderResponse@" + ShopXml.NS, "placed-o-1", "12.6", "2", 1,
                ShopXml.NS, "9007199254740993", 2, "true", true, "corr-sr-1");

        assertThat(rest.requests).hasSize(4);
        ShopRestPeer.Request first = rest.requests.get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/api/shop/PlaceOrder");
        assertThat(first.header("Content-Type")).startsWith("application/json");
        assertThat(first.header("X-Correlation-Id")).isEqualTo("corr-sr-1");
        assertThat(first.header("Authorization")).as("credentials never forwarded").isNull();
        assertThat(first.header("SOAPAction")).isNull();
        JsonNode order = first.body().path("order");
        assertThat(order.path("customerId").isIntegralNumber()).as("xs:long as a JSON number").isTrue();
        assertThat(order.path("customerId").asLong()).isEqualTo(9007199254740993L);
        assertThat(order.path("express").isBoolean()).isTrue();
        assertThat(order.path("placedAt").asText()).as("xs:dateTime as a string").isEqualTo("2024-05-01T10:00:00.250Z");
        assertThat(order.path("shipTo").path("city").asText()).isEqualTo("Bern");
        assertThat(order.path("line").isArray()).isTrue();
        assertThat(order.path("line").get(1).path("price").decimalValue()).isEqualByComparingTo("10.10");
        assertThat(order.path("line").get(0).path("quantity").isInt()).isTrue();
        assertThat(order.has("note") && order.get("note").isNull()).as("xsi:nil as null").isTrue();
        assertThat(order.has("coupon")).as("an optional part left out stays out").isFalse();
        JsonNode single = rest.requests.get(1).body().path("order").path("line");
        assertThat(single.isArray() && single.size() == 1).as("maxOccurs > 1 is a list with one item").isTrue();
    }

    @Test
    void restErrorsBecomeFaultsWithTheirWordsAndStatusAndAreCountedPerOperation() throws Exception {
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            out.add(fault(post(ShopXml.envelope11(order("bad-1", line("a", 1, "1"), "")), "corr-e-1")));
            out.add(fault(post(ShopXml.envelope11(order("down-1", line("a", 1, "1"), "")), "corr-e-2")));
            out.add(fault(post(ShopXml.envelope11(order("odd-1", line("a", 1, "1"), "")), "corr-e-3")));
            MeterRegistry registry = app.context().getRegistry().findSingleByType(MeterRegistry.class);
            out.add(count(registry, "PlaceOrder", "422"));
            out.add(count(registry, "PlaceOrder", "503"));
            out.add(count(registry, "PlaceOrder", "502"));
            return out;
        });
        assertThat(seen.get(0)).isEqualTo(List.of(500, "Client", "order bad-1 cannot be placed", "corr-e-1", "422"));
        assertThat(seen.get(1)).isEqualTo(List.of(500, "Server", "maintenance", "corr-e-2", "503"));
        assertThat(((List<?>) seen.get(2)).subList(0, 3)).isEqualTo(List.of(500, "Server", "the REST service gave no usable answer"));
        assertThat(seen.subList(3, 6)).containsExactly(1L, 1L, 1L);
        assertThat(rest.requests).hasSize(6);
    }

    private static long count(MeterRegistry registry, String method, String status) {
        Timer timer = registry.find(TranslationMetrics.TIMER).tag("method", method).tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    /** HTTP status, the fault's code (local name), string, and its detail's correlation id and status. */
    private static List<Object> fault(HttpResponse<String> response) {
        Document document = ShopXml.parse(response.body());
        Element fault = (Element) document.getElementsByTagNameNS(ShopXml.SOAP11, "Fault").item(0);
        assertThat(fault).as("a SOAP fault in " + response.body()).isNotNull();
        String code = ShopXml.value(fault, "faultcode");
        List<Object> out = new ArrayList<>();
        out.add(response.statusCode());
        out.add(code.substring(code.indexOf(':') + 1));
        out.add(ShopXml.value(fault, "faultstring"));
        var ids = document.getElementsByTagNameNS("urn:unikernal:soap", "correlationId");
        out.add(ids.getLength() == 0 ? null : ids.item(0).getTextContent());
        var statuses = document.getElementsByTagNameNS("urn:unikernal:soap", "status");
        out.add(statuses.getLength() == 0 ? null : statuses.item(0).getTextContent());
        return out;
    }

    @Test
    void badSoapInputIsAClientFaultAndNeverReachesTheRestService() throws Exception {
        Path secret = Files.writeString(workDir.resolve("secret.txt"), "TOP-SECRET-LINE");
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                    + ShopXml.envelope11(order("&xxe;", line("a", 1, "1"), "")).replaceFirst("^<\\?xml[^>]*\\?>", "");
            HttpResponse<String> refused = post(xxe, null);
            out.add(refused.statusCode());
            out.add(refused.body().contains("TOP-SECRET"));
            out.add(clientFault(post(ShopXml.envelope11(order("o-3", line("a", 1, "1"), "<s:colour>red</s:colour>")),
                    null)));
            out.add(clientFault(post(ShopXml.envelope11(order("o-4", line("a", 1, "many"), "")), null)));
            out.add(clientFault(post(ShopXml.envelope11("<s:Refund xmlns:s=\"" + ShopXml.NS + "\"/>"), null)));
            out.add(clientFault(post(ShopXml.envelope11(order("o-5", line("a", 1, "1"), "").replace("</s:order>",
                    "<s:coupon>" + "x".repeat(9000) + "</s:coupon></s:order>")), null)));
            out.add(post(ShopXml.envelope11("<s:PlaceOrder xmlns:s=\"" + ShopXml.NS + "\"><s:order>"), null)
                    .statusCode());
            return out;
        });
        assertThat(seen.get(0)).isEqualTo(500);
        assertThat(seen.get(1)).as("nothing of the file comes back").isEqualTo(false);
        assertThat((String) seen.get(2)).contains("colour");
        assertThat((String) seen.get(3)).contains("price");
        assertThat((String) seen.get(4)).isNotBlank();
        assertThat((String) seen.get(5)).isNotBlank();
        assertThat(seen.get(6)).isEqualTo(500);
        for (Object one : seen) {
            assertThat(String.valueOf(one)).as("no Java exception text").doesNotContain("Exception")
                    .doesNotContain("at org.");
        }
        assertThat(rest.requests).as("nothing refused reached the REST service").isEmpty();
    }

    /** The faultstring of a Client fault (anything else fails the test). */
    private static String clientFault(HttpResponse<String> response) {
        List<Object> fault = fault(response);
        assertThat(fault.get(1)).as(response.body()).isEqualTo("Client");
        return (String) fault.get(2);
    }

    @Test
    void aOneWayOperationIsPostedAndAnswersNothing() throws Exception {
        List<Object> seen = bothWays(app -> {
            int before = rest.requests.size();
            HttpResponse<String> response = post(ShopXml.envelope11("<s:Notice xmlns:s=\"" + ShopXml.NS
                    + "\"><s:text>hello</s:text></s:Notice>"), "corr-n-1", "urn:shop:Notify");
            // a one-way call is acknowledged first, then served: the REST call follows the acknowledgement
            Awaitility.await("the REST call").atMost(Duration.ofSeconds(30)).until(() -> rest.requests.size() > before);
            return List.of(response.statusCode(), response.body());
        });
        assertThat((Integer) seen.get(0)).as(String.valueOf(seen.get(1))).isBetween(200, 202);
        assertThat(rest.requests).hasSize(2);
        assertThat(rest.requests.get(0).path()).isEqualTo("/api/shop/Notify");
        assertThat(rest.requests.get(0).body().path("text").asText()).isEqualTo("hello");
        assertThat(rest.requests.get(0).header("X-Correlation-Id")).isEqualTo("corr-n-1");
    }
}
