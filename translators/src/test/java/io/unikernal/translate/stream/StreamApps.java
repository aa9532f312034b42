package io.unikernal.translate.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.unikernal.runtime.UdlRuntime;
import java.util.UUID;

/** The UDL apps of the stream tests and their metrics. */
final class StreamApps {

    private StreamApps() {
    }

    static String name() {
        return "upt-stream-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** WebSocket exposed on {@code front}, the tcp system {@code back} called. */
    static String webSocketToTcp(String name, int wsPort, String wsOptions, int tcpPort, String tcpOptions) {
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  front: {adapter: websocket, port: " + wsPort + ", path: /stream" + wsOptions + "}\n"
                + "  back: {adapter: tcp, port: " + tcpPort + tcpOptions + "}\n"
                + "translations:\n  - name: ws-tcp\n    expose: {system: front, protocol: websocket}\n"
                + "    target: {system: back}\n";
    }

    /** TCP exposed on {@code front}, the websocket-client system {@code back} called. */
    static String tcpToWebSocket(String name, int tcpPort, String tcpOptions, String url) {
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  front: {adapter: tcp, port: " + tcpPort + tcpOptions + "}\n"
                + "  back: {adapter: websocket-client, url: \"" + url + "\"}\n"
                + "translations:\n  - name: tcp-ws\n    expose: {system: front, protocol: tcp}\n"
                + "    target: {system: back}\n";
    }

    static double counter(UdlRuntime app, String name, String tag, String value) {
        Counter counter = registry(app).find(StreamMetrics.PREFIX + name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    static double gauge(UdlRuntime app, String name) {
        Gauge gauge = registry(app).find(StreamMetrics.PREFIX + name).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    /**
     * Waits until the bridge paused reading in {@code direction} (back-pressure), sampling the bytes it holds meanwhile
     * and a little after; returns the most it held.
     */
    static long awaitPaused(UdlRuntime app, String direction) {
        java.util.concurrent.atomic.AtomicLong most = new java.util.concurrent.atomic.AtomicLong();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            most.accumulateAndGet((long) gauge(app, "buffered"), Math::max);
            return counter(app, "paused", "direction", direction) >= 1;
        });
        for (int i = 0; i < 20; i++) {
            most.accumulateAndGet((long) gauge(app, "buffered"), Math::max);
        }
        return most.get();
    }

    /** One line's bytes (before '\n'), or null at the end of the stream. */
    static byte[] readLine(java.io.InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return null;
            }
            line.write(b);
        }
        return line.toByteArray();
    }

    private static MeterRegistry registry(UdlRuntime app) {
        MeterRegistry registry = app.context().getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) {
            throw new AssertionError("the app has no MeterRegistry");
        }
        return registry;
    }
}
