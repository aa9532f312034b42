package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.unikernal.plugins.Adapters;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.http.Http;
import io.unikernal.udl.parse.UdlParser;
import io.unikernal.runtime.StrictJson;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Stopping an app (what {@code unikernal run} does on Ctrl-C) lets a message that is already in flight finish:
 * the caller gets its answer, it is not cut off; a request arriving meanwhile is refused with 503 in the JSON error
 * shape and Retry-After.
 */
class GracefulStopFeatureTest {

    private static HttpResponse<String> ping(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestInFlightCompletesWhileTheAppStopsAndANewOneIsRefusedWithRetryAfter() throws Exception {
        CountDownLatch peerReached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer peer = Http.loopbackServer();
        peer.createContext("/slow", exchange -> {
            peerReached.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = "{\"done\": true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        peer.start();
        int port = Http.freePort();
        String udl = """
                udl: 8
                name: drain
                systems:
                  api:  {adapter: http, port: %d}
                  slow: {adapter: http-client, url: "http://127.0.0.1:%d"}
                routes:
                  - name: wait
                    from: {system: api, method: POST, path: /wait}
                    steps:
                      - to: {system: slow, path: /slow}
                  - name: ping
                    from: {system: api, method: POST, path: /ping}
                    reply: {status: 200}
                """.formatted(port, peer.getAddress().getPort());
        Adapters adapters = Adapters.installed();
        UdlRuntime app = UdlRuntime.start(new UdlCompiler(adapters).compile(
                new UdlParser(adapters).parse("drain.udl.yaml", udl).orThrow(), Path.of("."), CompileOptions.DEFAULT),
                Map.of("camel.main.shutdownTimeout", "30"));
        try {
            CompletableFuture<Http.Reply> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return Http.post(port, "/wait", "{}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(peerReached.await(30, TimeUnit.SECONDS)).as("the request reached the peer").isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
            // the app is now stopping with the exchange still in flight: a new request is refused, in the JSON
            // error shape with Retry-After (platform-http's suspended consumer sends a bare 503)
            HttpResponse<String> refused = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> ping(port), response -> response.statusCode() != 200);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            @SuppressWarnings("unchecked")
            Map<String, Object> body = StrictJson.read(refused.body(), Map.class);
            assertThat(body.keySet()).containsExactly("error", "details", "correlationId");
            assertThat((String) body.get("error")).contains("stopping");
            // let the peer answer
            release.countDown();
            stopping.get(60, TimeUnit.SECONDS);
            assertThat(inFlight.get(60, TimeUnit.SECONDS)).isEqualTo(new Http.Reply(200, Map.of("done", true)));
            assertThat(refused).isNotNull();
        } finally {
            release.countDown();
            app.close();
            peer.stop(0);
        }
    }
}
