package io.unikernal.translate.soap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The REST service SOAP -> REST calls in the tests: the JDK's HTTP server on loopback, recording each request (path,
 * headers, JSON body) and answering {@code POST /api/shop/PlaceOrder} with the total, the line count, a warning per
 * express order and the order back; an id starting with {@code bad} is answered 422 with a {@code message},
 * {@code down} 503 with an {@code error}, {@code odd} 200 with a field the response element lacks.
 */
final class ShopRestPeer implements AutoCloseable {

    record Request(String method, String path, Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    ShopRestPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            JsonNode body = in.length == 0 ? null : JSON.readTree(in);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            int status = 200;
            String reply;
            if (exchange.getRequestURI().getPath().endsWith("/Notify")) {
                reply = "{}";
            } else {
                JsonNode order = body.path("order");
                String id = order.path("id").asText();
                if (id.startsWith("bad")) {
                    status = 422;
                    reply = "{\"message\": \"order " + id + " cannot be placed\"}";
                } else if (id.startsWith("down")) {
                    status = 503;
                    reply = "{\"error\": \"maintenance\"}";
                } else {
                    reply = JSON.writeValueAsString(placed(order, id.startsWith("odd")));
                }
            }
            byte[] out = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    private static ObjectNode placed(JsonNode order, boolean odd) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode line : order.path("line")) {
            total = total.add(line.path("price").decimalValue().multiply(BigDecimal.valueOf(line.path("quantity")
                    .asInt())));
        }
        ObjectNode reply = JSON.createObjectNode();
        reply.put("orderId", "placed-" + order.path("id").asText());
        reply.put("total", total);
        reply.put("lineCount", order.path("line").size());
        if (order.path("express").asBoolean()) {
            reply.putArray("warning").add("express");
        }
        reply.set("echo", order);
        if (odd) {
            reply.put("colour", "red");
        }
        return reply;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
