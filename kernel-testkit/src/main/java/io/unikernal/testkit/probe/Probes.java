package io.unikernal.testkit.probe;

import io.unikernal.runtime.StrictJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;

/**
 * What the probe systems of running apps recorded, by probe key ({@code app.system}). Static because an app that
 * runs from its emitted YAML builds the recorder from its class name: the key is all the two share.
 */
public final class Probes {

    /** One message as it reached a probe target: a deep copy of its body, and its headers as text. */
    public record Record(Object body, Map<String, String> headers) {
    }

    private static final Map<String, List<Record>> RECORDED = new ConcurrentHashMap<>();

    private Probes() {
    }

    /** The key of a probe system: its app's name and its own. */
    public static String key(String app, String system) {
        return app + "." + system;
    }

    /** The in-process queue a probe source consumes. */
    public static String feedUri(String app, String system) {
        return "seda:" + ProbeAdapter.NAME + "." + key(app, system);
    }

    static void record(String key, Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        Object copy = body instanceof Map<?, ?> || body instanceof List<?> ? StrictJson.read(StrictJson.write(body), Object.class)
                : body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : body;
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> headers.put(name, String.valueOf(value)));
        RECORDED.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(new Record(copy, headers));
    }

    /** What the probe {@code system} of {@code app} recorded so far, in order. */
    public static List<Record> recorded(String app, String system) {
        return List.copyOf(RECORDED.getOrDefault(key(app, system), List.of()));
    }

    /** Forgets what the probes of {@code app} recorded. */
    public static void forget(String app) {
        RECORDED.keySet().removeIf(key -> key.startsWith(app + "."));
    }
}
