package io.unikernal.cli.features;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback HTTP peer that holds calls until the test releases them (no sleeps), then fails the first one if told
 * to; it echoes the body of every other call. It records the body and the {@code Idempotency-Key} header of every
 * call it received.
 */
final class HeldPeer implements AutoCloseable {

    /** One call as the peer received it. */
    record Call(String body, String idempotencyKey) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failNext = new AtomicBoolean();
    private volatile CountDownLatch released = new CountDownLatch(0);

    HeldPeer() throws IOException {
        server = Http.loopbackServer();
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(body, exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failNext.getAndSet(false)) {
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
        failNext.set(fail);
        released = new CountDownLatch(1);
    }

    /** Lets the held calls (and every later one) go on. */
    void release() {
        released.countDown();
    }

    /** Fails the next call (without holding it). */
    void failNext() {
        failNext.set(true);
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
