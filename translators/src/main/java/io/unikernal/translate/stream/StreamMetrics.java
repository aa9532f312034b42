package io.unikernal.translate.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The meters of one WebSocket <-> TCP bridge, all tagged {@code translation} (its route-style id,
 * {@code translation-<name>}); the tag values are fixed sets, so a peer cannot add any:
 * <ul>
 * <li>{@code unikernal.translation.stream.connections} (counter, {@code outcome}: {@code bridged} when both sides
 * were connected, {@code peer-unavailable} when the other side could not be reached);</li>
 * <li>{@code unikernal.translation.stream.open} (gauge): connections bridged now;</li>
 * <li>{@code unikernal.translation.stream.frames} and {@code .bytes} (counters, {@code direction}: {@code to-tcp},
 * {@code to-websocket}): messages forwarded and their payload bytes;</li>
 * <li>{@code unikernal.translation.stream.errors} (counter, {@code reason}: {@code frame-too-large},
 * {@code bad-frame}, {@code peer-unavailable}, {@code peer-failed});</li>
 * <li>{@code unikernal.translation.stream.paused} (counter, {@code direction}): how often reading from one side was
 * paused because the other side did not take its bytes fast enough (back-pressure);</li>
 * <li>{@code unikernal.translation.stream.buffered} (gauge, bytes): what the bridge holds now, written but not yet
 * taken by the slower sides.</li>
 * </ul>
 */
final class StreamMetrics {

    static final String PREFIX = "unikernal.translation.stream.";
    static final String TO_TCP = "to-tcp";
    static final String TO_WEBSOCKET = "to-websocket";
    static final String TOO_LARGE = "frame-too-large";
    static final String BAD_FRAME = "bad-frame";
    static final String UNAVAILABLE = "peer-unavailable";
    static final String FAILED = "peer-failed";

    private final Counter bridged;
    private final Counter unavailable;
    private final Map<String, Counter> frames;
    private final Map<String, Counter> bytes;
    private final Map<String, Counter> paused;
    private final Map<String, Counter> errors;
    private final AtomicInteger open = new AtomicInteger();

    StreamMetrics(MeterRegistry registry, String translation, Supplier<Number> buffered) {
        bridged = counter(registry, "connections", "Connections through a stream translation", translation,
                "outcome", "bridged");
        unavailable = counter(registry, "connections", "Connections through a stream translation", translation,
                "outcome", UNAVAILABLE);
        frames = Map.of(TO_TCP, counter(registry, "frames", "Messages forwarded", translation, "direction", TO_TCP),
                TO_WEBSOCKET, counter(registry, "frames", "Messages forwarded", translation, "direction", TO_WEBSOCKET));
        bytes = Map.of(TO_TCP, counter(registry, "bytes", "Payload bytes forwarded", translation, "direction", TO_TCP),
                TO_WEBSOCKET, counter(registry, "bytes", "Payload bytes forwarded", translation, "direction",
                        TO_WEBSOCKET));
        paused = Map.of(TO_TCP, counter(registry, "paused", "Reads paused by back-pressure", translation, "direction",
                TO_TCP), TO_WEBSOCKET, counter(registry, "paused", "Reads paused by back-pressure", translation,
                "direction", TO_WEBSOCKET));
        errors = Map.of(TOO_LARGE, error(registry, translation, TOO_LARGE), BAD_FRAME,
                error(registry, translation, BAD_FRAME), UNAVAILABLE, error(registry, translation, UNAVAILABLE),
                FAILED, error(registry, translation, FAILED));
        Gauge.builder(PREFIX + "open", open, AtomicInteger::get).description("Connections bridged now")
                .tag("translation", translation).register(registry);
        Gauge.builder(PREFIX + "buffered", buffered, b -> b.get().doubleValue()).baseUnit("bytes")
                .description("Bytes written but not yet taken by the slower side").tag("translation", translation)
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String description, String translation,
            String tag, String value) {
        return Counter.builder(PREFIX + name).description(description).tag("translation", translation).tag(tag, value)
                .register(registry);
    }

    private static Counter error(MeterRegistry registry, String translation, String reason) {
        return counter(registry, "errors", "Connections ended by an error, by reason", translation, "reason", reason);
    }

    void bridged() {
        bridged.increment();
        open.incrementAndGet();
    }

    void ended() {
        open.decrementAndGet();
    }

    void unavailable() {
        unavailable.increment();
        errors.get(UNAVAILABLE).increment();
    }

    void forwarded(String direction, int payloadBytes) {
        frames.get(direction).increment();
        bytes.get(direction).increment(payloadBytes);
    }

    void paused(String direction) {
        paused.get(direction).increment();
    }

    void error(String reason) {
        errors.get(reason).increment();
    }
}
