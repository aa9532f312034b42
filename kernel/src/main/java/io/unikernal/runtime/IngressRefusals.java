package io.unikernal.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;

/**
 * What every refusal at ingress has in common: the one JSON error shape ({@code error}, {@code details},
 * {@code correlationId}) and the counter {@code unikernal_ingress_refused_total{route, status}} in the app's
 * Micrometer registry (when metrics are on, as under {@code unikernal run}).
 */
public final class IngressRefusals {

    public static final String COUNTER = "unikernal.ingress.refused";

    private IngressRefusals() {
    }

    /** The error reply body; {@code details} may be empty but is always there. */
    public static Map<String, Object> body(String error, List<String> details, String correlationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("details", details);
        body.put("correlationId", correlationId);
        return body;
    }

    /** Counts one refusal of {@code route} (a route id, bounded in number) with this status. */
    public static void count(CamelContext context, String route, int status) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            registry.counter(COUNTER, "route", route == null ? "none" : route, "status", String.valueOf(status))
                    .increment();
        }
    }
}
