package io.unikernal.testkit.http;

import com.sun.net.httpserver.HttpExchange;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.RestartableServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP peer on a loopback port that a test steers while it runs: how long it takes to answer, whether it fails
 * (500), which bodies it failed on. It records every call it accepted (body and headers) and the most calls it had in
 * flight at once. Answers {"peer": name, "echo": body}. {@link #stop()} and {@link #start()} restart it on the same
 * port, keeping what it recorded.
 */
public final class Peer implements RestartableServer, AutoCloseable {

    /** One accepted call: its path, its body parsed as JSON ("" when empty), its headers (names in lower case). */
    public record Call(String path, Object body, Map<String, String> headers) {
    }

    private final String name;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Call> accepted = new CopyOnWriteArrayList<>();
    private final RestartableHttpServer server;
    private volatile long delayMillis;
    private volatile boolean failing;
    private volatile String failOn;

    public Peer(String name) throws IOException {
        this.name = name;
        this.server = new RestartableHttpServer("/", this::answer, null);
    }

    private void answer(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        calls.incrementAndGet();
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (failing || (failOn != null && body.contains(failOn))) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            Object parsed = body.isBlank() ? "" : StrictJson.read(body, Object.class);
            accepted.add(new Call(exchange.getRequestURI().getPath(), parsed, Http.headers(exchange)));
            Http.respondJson(exchange, 200, StrictJson.write(Map.of("peer", name, "echo", parsed)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    public int port() {
        return server.port();
    }

    public Peer delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public Peer failing(boolean failing) {
        this.failing = failing;
        return this;
    }

    /** Fails (500) on every body that contains this text. */
    public Peer failOn(String text) {
        this.failOn = text;
        return this;
    }

    public int calls() {
        return calls.get();
    }

    /** The bodies of the accepted calls, in order. */
    public List<Object> accepted() {
        return accepted.stream().map(Call::body).toList();
    }

    /** The accepted calls with their headers, in order. */
    public List<Call> acceptedCalls() {
        return List.copyOf(accepted);
    }

    public int mostInFlight() {
        return mostInFlight.get();
    }

    public void reset() {
        calls.set(0);
        accepted.clear();
        mostInFlight.set(0);
        delayMillis = 0;
        failing = false;
        failOn = null;
    }

    /** Closes the listener: callers get "connection refused" until {@link #start()}. */
    @Override
    public void stop() {
        server.stop();
    }

    /** Listens again on the same port. */
    @Override
    public void start() {
        server.start();
    }

    @Override
    public void close() {
        server.close();
    }
}
