package io.unikernal.testkit.http;

import io.unikernal.runtime.StrictJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP calls over loopback, for tests. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What a call returned: status and the body parsed as JSON (null when empty). */
    public record Reply(int status, Object body) {
    }

    private Http() {
    }

    /** An HTTP server on an ephemeral loopback port, for a test's peer; add contexts, then start it. */
    public static com.sun.net.httpserver.HttpServer loopbackServer() throws IOException {
        return loopbackServer(0);
    }

    /** The same on a given port, e.g. the port a stopped server had, to start it again. */
    public static com.sun.net.httpserver.HttpServer loopbackServer(int port) throws IOException {
        return com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
    }

    /** The request's headers, names in lower case, several values joined with ','. */
    public static java.util.Map<String, String> headers(com.sun.net.httpserver.HttpExchange exchange) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((header, values) -> headers.put(header.toLowerCase(
                java.util.Locale.ROOT), String.join(",", values)));
        return headers;
    }

    /** Answers a peer's request with a JSON body and closes the exchange. */
    public static void respondJson(com.sun.net.httpserver.HttpExchange exchange, int status, String json) throws IOException {
        byte[] answer = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    /** A loopback port free right now (see {@link io.unikernal.testkit.server.FreePort}). */
    public static int freePort() {
        return io.unikernal.testkit.server.FreePort.loopback();
    }

    public static Reply post(int port, String path, String json, String... headers) throws Exception {
        return parsed(postForResponse(port, path, json, headers));
    }

    /** POSTs JSON with the given headers (name, value, ...) and returns the whole response, headers included. */
    public static HttpResponse<String> postForResponse(int port, String path, String json, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What a call returned, unparsed: for replies that may not be JSON. */
    public record Raw(int status, String contentType, String text) {
    }

    /** POSTs exactly these bytes with exactly these headers (no Content-Type unless given). */
    public static Raw postRaw(int port, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Raw(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body());
    }

    public static Reply get(int port, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** GETs a text resource (metrics, health), expecting 200. */
    public static String text(int port, String path) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + path)).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static Reply send(HttpRequest request) throws Exception {
        return parsed(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static Reply parsed(HttpResponse<String> response) {
        String body = response.body();
        return new Reply(response.statusCode(), body == null || body.isBlank() ? null : StrictJson.read(body, Object.class));
    }
}
