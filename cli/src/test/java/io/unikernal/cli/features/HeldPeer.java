package io.unikernal.cli.features;

import com.sun.net.httpserver.HttpServer;
import io.unikernal.testkit.http.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP peer that holds calls until the test releases them (no sleeps) and fails as many calls as it is told
 * to (500); it echoes the body of every other call. It records the body and the {@code Idempotency-Key} header of every
 * call it received.
 */
final class HeldPeer implements AutoCloseable {

    /** One call as the peer received it. */
    record Call(String path, String body, String idempotencyKey) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failing = new AtomicInteger();
    private volatile CountDownLatch released = new CountDownLatch(0);

    HeldPeer() throws IOException {
        server = Http.loopbackServer();
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(exchange.getRequestURI().getPath(), body, exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            Http.respondJson(exchange, 200, body.isBlank() ? "{}" : body);
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** From now on calls wait for {@link #release}; the first call released fails with 500 when {@code fail}. */
    void hold(boolean fail) {
        calls.clear();
        failing.set(fail ? 1 : 0);
        released = new CountDownLatch(1);
    }

    /** Lets the held calls (and every later one) go on. */
    void release() {
        released.countDown();
    }

    /** Fails the next {@code calls} calls with 500 (without holding them). */
    void fail(int calls) {
        failing.set(calls);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    void clear() {
        calls.clear();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
