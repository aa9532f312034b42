package io.unikernal.runtime;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import org.apache.camel.CamelContext;

/**
 * Turns the latency timers of Camel's metrics — per endpoint (each target call: {@code camel.exchange.event.notifier})
 * and per route — into histograms with buckets from 1 ms to 60 s, so Prometheus can compute quantiles across
 * instances. A meter filter only shapes timers made after it, so {@link UdlRuntime} installs it as soon as the app
 * has started, before the first message (Camel makes the endpoint timers on the first call).
 */
public final class LatencyHistograms {

    static final String ENDPOINT_TIMER = "camel.exchange.event.notifier";
    static final String ROUTE_TIMER = "camel.route.policy";

    private LatencyHistograms() {
    }

    /** Installs the filter on the app's meter registry, when metrics are on. */
    public static void install(CamelContext context) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            registry.config().meterFilter(histograms());
        }
    }

    static MeterFilter histograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() == Meter.Type.TIMER
                        && (id.getName().startsWith(ENDPOINT_TIMER) || id.getName().startsWith(ROUTE_TIMER))) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true)
                            .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                            .maximumExpectedValue((double) Duration.ofSeconds(60).toNanos()).build().merge(config);
                }
                return config;
            }
        };
    }
}
