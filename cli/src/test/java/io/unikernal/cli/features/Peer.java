package io.unikernal.cli.features;

import com.sun.net.httpserver.HttpServer;
import io.unikernal.runtime.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP peer on a loopback port that a test steers while it runs: how long it takes to answer, whether it fails
 * (500), which bodies it failed on. It records every body it accepted and the most calls it had in flight at once.
 * Answers {"peer": name, "echo": body}.
 */
final class Peer implements AutoCloseable {

    private final String name;
    private final HttpServer server;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Object> accepted = new CopyOnWriteArrayList<>();
    private volatile long delayMillis;
    private volatile boolean failing;
    private volatile String failOn;

    Peer(String name) throws IOException {
        this.name = name;
        server = Http.loopbackServer();
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
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
                accepted.add(body.isBlank() ? "" : StrictJson.read(body, Object.class));
                Http.respondJson(exchange, 200, StrictJson.write(Map.of("peer", name, "echo",
                        body.isBlank() ? "" : StrictJson.read(body, Object.class))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    Peer delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    Peer failing(boolean failing) {
        this.failing = failing;
        return this;
    }

    /** Fails (500) on every body that contains this text. */
    Peer failOn(String text) {
        this.failOn = text;
        return this;
    }

    int calls() {
        return calls.get();
    }

    List<Object> accepted() {
        return List.copyOf(accepted);
    }

    int mostInFlight() {
        return mostInFlight.get();
    }

    void reset() {
        calls.set(0);
        accepted.clear();
        mostInFlight.set(0);
        delayMillis = 0;
        failing = false;
        failOn = null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
