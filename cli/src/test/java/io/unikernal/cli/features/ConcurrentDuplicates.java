package io.unikernal.cli.features;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.http.Http;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Twenty callers send the same payment at once to a route whose target ({@link HeldPeer}) holds the call until the
 * other nineteen have their answers, then fails it. None of the nineteen may be told the payment is done; a retry
 * after the failure is processed and a copy of the done payment is a duplicate. The route: {@code POST /pay},
 * idempotency key {@code id}, one call to the peer, reply {@code 201 {'paid': id}}.
 */
final class ConcurrentDuplicates {

    static final int CALLERS = 20;

    /** What every caller got, as counts of "status Retry-After body-keys", then the retry, the copy, the peer. */
    static final List<Object> EXPECTED = List.of(
            Map.of("409 retry-after=1 [correlationId, details, error]", 19L, "500", 1L),
            "201 {paid=<id>}", "200 {duplicate=true}", 2);

    private ConcurrentDuplicates() {
    }

    /** The route, its keys in {@code store} (a system given as YAML, e.g. {@code "db: {adapter: postgres}"}) or none. */
    static String udl(String app, int port, HeldPeer peer, String storeSystem, String storeName) {
        return """
                udl: 8
                name: %s
                systems:
                  api:    {adapter: http, port: %d}
                  ledger: {adapter: http-client, url: "http://127.0.0.1:%d"}
                  %s
                routes:
                  - name: pay
                    from: {system: api, method: POST, path: /pay}
                    policy:
                      idempotency: {key: "id"%s}
                    steps:
                      - to: {system: ledger, path: /book}
                    reply: {status: 201, body: "{'paid': id}"}
                """.formatted(app, port, peer.port(), storeSystem == null ? "" : storeSystem,
                storeName == null ? "" : ", store: " + storeName);
    }

    static List<Object> run(int port, HeldPeer peer) throws Exception {
        String id = "p-" + UUID.randomUUID();
        String payment = "{\"id\": \"" + id + "\", \"amount\": 5}";
        peer.hold(true);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(CALLERS - 1);
        List<Future<HttpResponse<String>>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < CALLERS; i++) {
                replies.add(callers.submit(() -> {
                    start.await();
                    HttpResponse<String> reply = Http.postForResponse(port, "/pay", payment);
                    answered.countDown();
                    return reply;
                }));
            }
            start.countDown();
            // a guard against a hang (the original is held, so only the other nineteen can answer), not a deadline
            boolean othersAnswered = answered.await(5, TimeUnit.MINUTES);
            peer.release(); // the original's call now fails
            Map<String, Long> got = new TreeMap<>();
            for (Future<HttpResponse<String>> reply : replies) {
                got.merge(summary(reply.get(), id), 1L, Long::sum);
            }
            List<Object> seen = new ArrayList<>();
            seen.add(othersAnswered ? got : "the nineteen copies got no answer while the original was held");
            seen.add(summary(Http.postForResponse(port, "/pay", payment), id));
            seen.add(summary(Http.postForResponse(port, "/pay", payment), id));
            seen.add(peer.calls().size());
            return seen;
        } finally {
            callers.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static String summary(HttpResponse<String> reply, String id) {
        int status = reply.statusCode();
        if (status == 500) {
            return "500"; // its body is the error reply's (item of another change)
        }
        Map<String, Object> body = StrictJson.read(reply.body(), Map.class);
        if (status == 409) {
            boolean complete = body.get("error") instanceof String e && !e.isBlank()
                    && body.get("details") instanceof List<?> d && !d.isEmpty() && body.get("correlationId") != null;
            return "409 retry-after=" + reply.headers().firstValue("Retry-After").orElse("none") + " "
                    + (complete ? new java.util.TreeSet<>(body.keySet()) : body);
        }
        return status + " " + new TreeMap<>(body).toString().replace(id, "<id>");
    }
}
