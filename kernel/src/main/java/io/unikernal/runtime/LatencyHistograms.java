package io.unikernal.runtime;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;

/**
 * Turns the latency timers of Camel's metrics — per endpoint (each target call: {@code camel.exchange.event.notifier})
 * and per route — into histograms with buckets from 1 ms to 60 s, so Prometheus can compute quantiles across
 * instances. A meter filter must be on the registry before any meter is made, so {@link UdlRuntime} binds the
 * registry Camel's Prometheus metrics look up by name ({@code metricsRegistry}) already filtered, before Camel
 * starts; Camel uses it instead of making its own.
 */
public final class LatencyHistograms {

    static final String ENDPOINT_TIMER = "camel.exchange.event.notifier";
    static final String ROUTE_TIMER = "camel.route.policy";

    private LatencyHistograms() {
    }

    /** The name under which Camel's Prometheus metrics look for an existing registry. */
    public static final String REGISTRY_NAME = org.apache.camel.component.micrometer.MicrometerConstants.METRICS_REGISTRY_NAME;

    /** A Prometheus registry whose route and endpoint timers are histograms. */
    public static io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry() {
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        registry.config().meterFilter(histograms());
        return registry;
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
