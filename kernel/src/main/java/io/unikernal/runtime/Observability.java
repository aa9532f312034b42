package io.unikernal.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Camel Main properties that expose a running app to operators: Micrometer metrics per route and per endpoint
 * (exchange counts, failures, processing-time timers) in Prometheus text format at {@code /observe/metrics}, and
 * Camel's health checks at {@code /observe/health}. An app that serves HTTP gets them on its own listener (Camel
 * 4.14's platform-http consumers look their router up by its default name, which a second listener breaks); an app
 * without HTTP gets a listener for them alone.
 */
public final class Observability {

    public static final String METRICS_PATH = "/observe/metrics";
    public static final String HEALTH_PATH = "/observe/health";

    private Observability() {
    }

    public static Map<String, String> properties(String host, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("management port " + port + " is outside 1..65535");
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("camel.metrics.enabled", "true");
        p.put("camel.metrics.enableRoutePolicy", "true");
        p.put("camel.metrics.enableExchangeEventNotifier", "true");
        p.put("camel.metrics.enableRouteEventNotifier", "true");
        p.put("camel.metrics.binders", "jvm-memory,jvm-gc,jvm-thread,processor");
        p.put("camel.health.enabled", "true");
        p.put("camel.management.enabled", "true");
        p.put("camel.management.host", host);
        p.put("camel.management.port", String.valueOf(port));
        p.put("camel.management.metricsEnabled", "true");
        p.put("camel.management.healthCheckEnabled", "true");
        p.put("camel.management.infoEnabled", "true");
        return p;
    }
}
