package io.unikernal.translate.spi;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;

/**
 * Per-method metrics of every translation: a timer {@code unikernal.translation.calls} (Prometheus
 * {@code unikernal_translation_calls_seconds}: count, sum, max) tagged with the translation's route, the method
 * called ({@code none} when the request named no method of the contract, so callers cannot add tag values) and the
 * status answered — for HTTP translations errors are the calls whose status is 400 or more, for gRPC ones those
 * whose code is not {@code OK}.
 */
public final class TranslationMetrics implements org.apache.camel.Processor {

    /** The bean a translation's route runs first ({@link #process} notes the time). */
    public static final String START_BEAN = "translation-start";

    public static final String TIMER = "unikernal.translation.calls";
    /** Exchange property: {@link System#nanoTime()} when the translation took the request. */
    public static final String START_PROPERTY = "UnikernalTranslationStart";

    /** Notes when the translation took the request. */
    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(START_PROPERTY, System.nanoTime());
    }

    /** Records one answered call; {@code method} null when none was chosen. */
    public static void record(Exchange exchange, String method, int status) {
        record(exchange, method, String.valueOf(status));
    }

    /**
     * Records one answered call with a status of the exposed protocol's own words (a gRPC translation's code name,
     * {@code OK}, {@code NOT_FOUND}); {@code method} null when none was chosen.
     */
    public static void record(Exchange exchange, String method, String status) {
        Long start = exchange.getProperty(START_PROPERTY, Long.class);
        if (start != null) {
            record(exchange, method, status, start);
        }
    }

    /**
     * Records one call a translation made on the way, e.g. the REST call of one GraphQL field (its coordinate as
     * {@code method}), timed from {@code startNanos} ({@link System#nanoTime()}).
     */
    public static void record(Exchange exchange, String method, int status, long startNanos) {
        record(exchange, method, String.valueOf(status), startNanos);
    }

    private static void record(Exchange exchange, String method, String status, long startNanos) {
        Timers timers = Timers.of(exchange.getContext());
        if (timers != null) {
            timers.timer(String.valueOf(exchange.getFromRouteId()), method == null ? "none" : method, status)
                    .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The app's timers, found once: the registry's lookup and a timer's registration (tags built, ids compared) per
     * call were a measurable part of a translated call's CPU. Kept in the app's registry, so they live as long as it.
     */
    private static final class Timers {
        private static final String BEAN = "unikernal-translation-timers";
        private final MeterRegistry registry;
        private final java.util.concurrent.ConcurrentMap<java.util.List<String>, Timer> timers =
                new java.util.concurrent.ConcurrentHashMap<>();

        private Timers(MeterRegistry registry) {
            this.registry = registry;
        }

        static Timers of(org.apache.camel.CamelContext context) {
            Timers known = context.getRegistry().lookupByNameAndType(BEAN, Timers.class);
            if (known != null) {
                return known;
            }
            MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
            if (registry == null) {
                return null; // no metrics in this app (looked up again: one may be bound later)
            }
            synchronized (Timers.class) {
                known = context.getRegistry().lookupByNameAndType(BEAN, Timers.class);
                if (known == null) {
                    known = new Timers(registry);
                    context.getRegistry().bind(BEAN, known);
                }
                return known;
            }
        }

        Timer timer(String translation, String method, String status) {
            return timers.computeIfAbsent(java.util.List.of(translation, method, status), key -> Timer.builder(TIMER)
                    .description("Calls through a translation, by method and status answered")
                    .tag("translation", translation).tag("method", method).tag("status", status)
                    .register(registry));
        }
    }
}
