package io.unikernal.translate.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The REST service of {@link OnePortTest}'s gRPC → REST and SOAP → REST translations: the JDK's HTTP server on a
 * loopback port, answering from what it was sent — {@code POST /channelz/GetServer} with the server's id and a name
 * made of it, {@code POST /echo/Echo} with the text and " via rest" — and recording the paths called.
 */
final class RestBackend implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    RestBackend() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> paths() {
        return List.copyOf(paths);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        paths.add(path);
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String reply;
        int status = 200;
        if (path.equals("/channelz/GetServer")) {
            String id = body.path("server_id").asText(); // the translation sends proto field names
            reply = "{\"server\": {\"ref\": {\"serverId\": \"" + id + "\", \"name\": \"rest server " + id + "\"}}}";
        } else if (path.equals("/echo/Echo")) {
            reply = JSON.writeValueAsString(JSON.createObjectNode().put("text", body.path("text").asText()
                    + " via rest"));
        } else {
            status = 404;
            reply = "{\"message\": \"no such path\"}";
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
