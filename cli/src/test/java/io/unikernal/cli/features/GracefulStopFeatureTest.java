package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.unikernal.adapter.Adapters;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping an app (what {@code unikernal run} does on Ctrl-C) lets a message that is already in flight finish:
 * the caller gets its answer, it is not cut off.
 */
class GracefulStopFeatureTest {

    @Test
    void aRequestInFlightCompletesWhileTheAppStops() throws Exception {
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
            // the app is now stopping with the exchange still in flight; let the peer answer
            release.countDown();
            stopping.get(60, TimeUnit.SECONDS);
            assertThat(inFlight.get(60, TimeUnit.SECONDS)).isEqualTo(new Http.Reply(200, Map.of("done", true)));
        } finally {
            release.countDown();
            app.close();
            peer.stop(0);
        }
    }
}
