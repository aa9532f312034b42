package io.unikernal.translate.mqtt;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real webhook receiver on a loopback port (the JDK's HTTP server): it records every request it got — the raw path,
 * the headers, the body as bytes — and fails the first N requests whose body holds a text with a status of the
 * test's choice, answering 204 to the others.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived; header names in lower case. */
    record Call(String method, String rawPath, Map<String, String> headers, String body, int answered) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private record Failing(AtomicInteger left, int status) {
    }

    private final Map<String, Failing> failing = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        int status = 204;
        for (Map.Entry<String, Failing> f : failing.entrySet()) {
            if (body.contains(f.getKey()) && f.getValue().left().getAndDecrement() > 0) {
                status = f.getValue().status();
            }
        }
        calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, body, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Fails the next {@code times} requests whose body holds {@code text} (Integer.MAX_VALUE: every one). */
    WebhookReceiver failFirst(String text, int times, int status) {
        failing.put(text, new Failing(new AtomicInteger(times), status));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The requests whose body holds the text. */
    List<Call> callsWith(String text) {
        return calls.stream().filter(c -> c.body().contains(text)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
