package io.unikernal.translate.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.translate.rest.RestCaller;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.testing.TwoWayRun;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * REST to SOAP end to end on loopback: a JDK HttpClient calls the translation of a UDL app, which calls a real CXF
 * JAX-WS service ({@link ShopProvider}); each scenario runs in process and from the emitted Camel YAML under plain
 * Camel Main ({@link TwoWayRun}) and must see the same.
 */
class RestToSoapTest {

    /** Every mapping rule of the contract: nested types, a repeated element, a nil, an optional part left out. */
    static final String ORDER = """
            {"order": {"id": "o-1", "customerId": 9007199254740993, "express": true,
             "placedAt": "2024-05-01T10:00:00.250Z", "shipTo": {"street": "Main 1", "city": "Bern"},
             "line": [{"sku": "a", "quantity": 2, "price": 1.25}, {"sku": "b", "quantity": 1, "price": "10.10"}],
             "note": null}}
            """;

    @TempDir
    Path workDir;
    private Path wsdl;
    private ShopServer shop;
    private ShopServer shop12;
    private HostileSoapServer hostile;
    private Path secret;
    private int port;

    @BeforeEach
    void start() throws Exception {
        wsdl = workDir.resolve("shop.wsdl");
        Files.copy(Path.of("src/test/resources/soap-rest/shop.wsdl"), wsdl);
        shop = new ShopServer(new ShopProvider());
        shop12 = new ShopServer(new ShopProvider12());
        secret = Files.writeString(workDir.resolve("secret.txt"), "TOP-SECRET-LINE");
        hostile = new HostileSoapServer(secret.toAbsolutePath().toString());
        port = FreePort.loopback();
    }

    @AfterEach
    void stop() {
        shop.close();
        shop12.close();
        hostile.close();
    }

    private String app(String name) {
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  api: {adapter: http, port: " + port + ", maxBodyBytes: 4096}\n"
                + "  shop: {adapter: soap, address: \"" + shop.url() + "\", wsdl: \"" + wsdl + "\", service: ShopService}\n"
                + "  hostile: {adapter: soap, address: \"" + hostile.url() + "\", wsdl: \"" + wsdl + "\", service: ShopService}\n"
                + "  shop12: {adapter: soap, address: \"" + shop12.url() + "\", wsdl: \"" + wsdl
                + "\", service: ShopService12}\n"
                + "translations:\n"
                + "  - name: shop12-rest\n    expose: {system: api, protocol: rest, path: /shop12}\n"
                + "    target: {system: shop12}\n"
                + "  - name: shop-rest\n    expose: {system: api, protocol: rest, path: /shop}\n"
                + "    target: {system: shop}\n"
                + "  - name: hostile-rest\n    expose: {system: api, protocol: rest, path: /hostile}\n"
                + "    target: {system: hostile}\n";
    }

    private <T> T bothWays(TwoWayRun.Scenario<T> scenario) throws Exception {
        String name = "upt-soap-" + UUID.randomUUID().toString().substring(0, 8);
        TwoWayRun.Outcomes<T> outcomes = TwoWayRun.run(name + ".udl.yaml", app(name), Map.of(), workDir, scenario);
        assertThat(outcomes.emitted()).as("from the emitted YAML as in process").isEqualTo(outcomes.inProcess());
        return outcomes.inProcess();
    }

    private HttpResponse<String> send(String verb, String path, String body, String... headers) throws Exception {
        return RestCaller.send(port, verb, path, body, headers);
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return send("POST", path, body, headers);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) {
        return StrictJson.read(response.body(), Map.class);
    }

    /** Status and body, without the correlation id (it differs between the two runs). */
    private static Map<String, Object> answer(HttpResponse<String> response) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", response.statusCode());
        Map<String, Object> body = new LinkedHashMap<>(json(response));
        body.remove("correlationId");
        out.put("body", body);
        return out;
    }

    @Test
    void complexTypesArraysAndOptionalPartsCrossBothWaysAtBothPaths() throws Exception {
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            for (String path : List.of("/shop/PlaceOrder", "/shop/ShopService/PlaceOrder")) {
                HttpResponse<String> response = post(path, ORDER, "X-Correlation-Id", "corr-rs-1",
                        "Authorization", "Bearer secret", "Cookie", "c=1");
                out.add(response.statusCode());
                out.add(response.headers().firstValue("Content-Type").orElse(""));
                out.add(response.headers().firstValue("X-Correlation-Id").orElse(""));
                out.add(json(response));
            }
            return out;
        });
        assertThat(seen.get(0)).isEqualTo(200);
        assertThat(seen.get(1)).isEqualTo("application/json");
        assertThat(seen.get(2)).isEqualTo("corr-rs-1");
        Map<?, ?> reply = (Map<?, ?>) seen.get(3);
        assertThat(reply.get("orderId")).isEqualTo("placed-o-1");
        assertThat(new BigDecimal(String.valueOf(reply.get("total")))).isEqualByComparingTo("12.60");
        assertThat(reply.get("lineCount")).isEqualTo(2L);
        assertThat(reply.get("warning")).as("maxOccurs > 1 is a list even with one item").isEqualTo(List.of("express"));
        Map<?, ?> echo = (Map<?, ?>) reply.get("echo");
        assertThat(echo.get("customerId")).as("xs:long as a JSON number").isEqualTo(9007199254740993L);
        assertThat(echo.get("express")).isEqualTo(true);
        assertThat(echo.get("placedAt")).as("xs:dateTime as a string").isEqualTo("2024-05-01T10:00:00.250Z");
        assertThat(echo.get("shipTo")).isEqualTo(Map.of("street", "Main 1", "city", "Bern"));
        assertThat((List<?>) echo.get("line")).hasSize(2);
        assertThat(((Map<?, ?>) ((List<?>) echo.get("line")).get(1)).get("price")).isEqualTo(new BigDecimal("10.10"));
        assertThat(echo.containsKey("note")).isTrue();
        assertThat(echo.get("note")).as("xsi:nil is null").isNull();
        assertThat(echo.containsKey("coupon")).as("an optional part left out stays out").isFalse();
        assertThat(seen.get(7)).as("the {Service}/{Operation} path answers the same").isEqualTo(reply);

        // what the service got, read by hand
        assertThat(shop.provider.calls).hasSize(4);
        ShopProvider.Call call = shop.provider.calls.get(0);
        assertThat(call.header("SOAPAction")).as("SOAPAction from the binding").contains("urn:shop:PlaceOrder");
        assertThat(call.header("X-Correlation-Id")).isEqualTo("corr-rs-1");
        assertThat(call.header("Authorization")).as("credentials never forwarded").isNull();
        assertThat(call.header("Cookie")).isNull();
        Element body = call.body();
        assertThat(body.getNamespaceURI()).isEqualTo(ShopXml.NS);
        assertThat(body.getLocalName()).isEqualTo("PlaceOrder");
        Element order = ShopXml.child(body, "order");
        assertThat(order.getNamespaceURI()).as("elementFormDefault qualified").isEqualTo(ShopXml.NS);
        assertThat(ShopXml.value(order, "customerId")).isEqualTo("9007199254740993");
        assertThat(ShopXml.children(order, "line")).hasSize(2);
        assertThat(ShopXml.value(ShopXml.children(order, "line").get(0), "price")).isEqualTo("1.25");
        assertThat(ShopXml.child(order, "note").getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"))
                .isEqualTo("true");
        assertThat(ShopXml.child(order, "coupon")).isNull();
        List<String> order1 = new ArrayList<>();
        for (org.w3c.dom.Node n = order.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                order1.add(e.getLocalName());
            }
        }
        assertThat(order1).as("the schema's sequence order").containsExactly("id", "customerId", "express",
                "placedAt", "shipTo", "line", "line", "note");
    }

    @Test
    void faultsBecomeHttpErrorsWithCodeStringAndDetailAndAreCountedPerOperation() throws Exception {
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            out.add(answer(post("/shop/PlaceOrder", ORDER.replace("\"o-1\"", "\"bad-1\""))));
            out.add(answer(post("/shop/PlaceOrder", ORDER.replace("\"o-1\"", "\"down-1\""))));
            HttpResponse<String> correlated = post("/shop/PlaceOrder", ORDER.replace("\"o-1\"", "\"down-2\""),
                    "X-Correlation-Id", "corr-f-1");
            out.add(correlated.headers().firstValue("X-Correlation-Id").orElse(""));
            out.add(json(correlated).get("correlationId"));
            out.add(post("/shop/PlaceOrder", ORDER).statusCode());
            out.add(post("/shop/Nothing", "{}").statusCode());
            MeterRegistry registry = app.context().getRegistry().findSingleByType(MeterRegistry.class);
            out.add(count(registry, "PlaceOrder", "200"));
            out.add(count(registry, "PlaceOrder", "400"));
            out.add(count(registry, "PlaceOrder", "502"));
            out.add(count(registry, "none", "404"));
            return out;
        });
        assertThat(seen.get(0)).isEqualTo(Map.of("status", 400, "body", Map.of("faultcode", "Client",
                "faultstring", "order bad-1 cannot be placed", "detail", Map.of("reason", "out of stock"))));
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("faultcode", "Server");
        server.put("faultstring", "the order book is unavailable");
        server.put("detail", null);
        assertThat(seen.get(1)).isEqualTo(Map.of("status", 502, "body", server));
        assertThat(seen.get(2)).isEqualTo("corr-f-1");
        assertThat(seen.get(3)).isEqualTo("corr-f-1");
        assertThat(seen.get(4)).isEqualTo(200);
        assertThat(seen.get(5)).isEqualTo(404);
        assertThat(seen.subList(6, 10)).as("one timer per operation and status").containsExactly(1L, 1L, 2L, 1L);
    }

    @Test
    void soap12FaultsAreSenderAndReceiverFaults() throws Exception {
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            HttpResponse<String> ok = post("/shop12/ShopService12/PlaceOrder", ORDER);
            out.add(ok.statusCode());
            out.add(json(ok).get("orderId"));
            out.add(answer(post("/shop12/PlaceOrder", ORDER.replace("\"o-1\"", "\"bad-1\""))));
            out.add(answer(post("/shop12/PlaceOrder", ORDER.replace("\"o-1\"", "\"down-1\""))));
            return out;
        });
        assertThat(seen.get(0)).isEqualTo(200);
        assertThat(seen.get(1)).isEqualTo("placed-o-1");
        assertThat(seen.get(2)).isEqualTo(Map.of("status", 400, "body", Map.of("faultcode", "Sender",
                "faultstring", "order bad-1 cannot be placed", "detail", Map.of("reason", "out of stock"))));
        assertThat(status(seen, 3)).isEqualTo(502);
        assertThat(body(seen, 3).get("faultcode")).isEqualTo("Receiver");
        assertThat(shop12.provider.calls.get(0).header("Content-Type")).as("a SOAP 1.2 request")
                .startsWith("application/soap+xml").contains("urn:shop:PlaceOrder");
    }

    private static long count(MeterRegistry registry, String method, String status) {
        Timer timer = registry.find(TranslationMetrics.TIMER).tag("method", method).tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void badInputIsRefusedWithItsStatusAndNeverForwarded() throws Exception {
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            out.add(answer(post("/shop/PlaceOrder", "{\"order\": ")));
            out.add(answer(post("/shop/PlaceOrder", ORDER.replace("\"express\"", "\"colour\": \"red\", \"express\""))));
            out.add(answer(post("/shop/PlaceOrder", ORDER.replace("9007199254740993", "\"many\""))));
            out.add(answer(post("/shop/PlaceOrder", ORDER.replace("\"city\": \"Bern\"", "\"city\": [\"Bern\"]"))));
            out.add(answer(post("/shop/Refund", "{}")));
            out.add(answer(post("/shop/OtherService/PlaceOrder", "{}")));
            out.add(answer(send("GET", "/shop/PlaceOrder", null)));
            out.add(Map.of("status", post("/shop/PlaceOrder", "{\"order\": {\"id\": \"" + "x".repeat(5000) + "\"}}")
                    .statusCode()));
            out.add(answer(post("/shop/PlaceOrder", "<order/>".replace("<", "<"), "Content-Type", "text/xml")));
            return out;
        });
        assertThat(status(seen, 0)).isEqualTo(400);
        assertThat(status(seen, 1)).isEqualTo(400);
        assertThat(body(seen, 1).get("faultcode")).isEqualTo("Client");
        assertThat(String.valueOf(body(seen, 1).get("detail"))).contains("colour");
        assertThat(status(seen, 2)).isEqualTo(400);
        assertThat(String.valueOf(body(seen, 2).get("detail"))).contains("customerId");
        assertThat(status(seen, 3)).isEqualTo(400);
        assertThat(String.valueOf(body(seen, 3).get("detail"))).contains("city");
        assertThat(status(seen, 4)).isEqualTo(404);
        assertThat(String.valueOf(body(seen, 4).get("faultstring"))).contains("PlaceOrder");
        assertThat(status(seen, 5)).isEqualTo(404);
        assertThat(status(seen, 6)).isEqualTo(405);
        assertThat(status(seen, 7)).isEqualTo(413);
        assertThat(status(seen, 8)).isEqualTo(415);
        for (Object one : seen) {
            assertThat(String.valueOf(one)).as("no Java exception text").doesNotContain("Exception")
                    .doesNotContain("at io.").doesNotContain("at org.");
        }
        assertThat(shop.provider.calls).as("nothing refused reached the service").isEmpty();
    }

    @Test
    void aReplyWithAnExternalEntityIsRefusedAndNothingOfTheFileComesBack() throws Exception {
        List<Object> seen = bothWays(app -> {
            HttpResponse<String> response = post("/hostile/PlaceOrder", ORDER);
            return List.of(response.statusCode(), response.body().contains("TOP-SECRET"), json(response)
                    .get("faultcode"));
        });
        assertThat(seen).containsExactly(502, false, "Server");
        assertThat(hostile.calls.get()).as("the call was made, its reply refused").isEqualTo(2);
    }

    private static int status(List<Object> seen, int i) {
        return (Integer) ((Map<?, ?>) seen.get(i)).get("status");
    }

    private static Map<?, ?> body(List<Object> seen, int i) {
        return (Map<?, ?>) ((Map<?, ?>) seen.get(i)).get("body");
    }
}
