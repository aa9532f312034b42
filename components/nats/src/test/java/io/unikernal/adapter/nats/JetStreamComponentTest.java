package io.unikernal.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.adapter.nats.jetstream.JetStreamEndpoint;
import io.unikernal.adapter.nats.jetstream.JetStreamEndpointConfigurer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurer;
import org.junit.jupiter.api.Test;

/**
 * The {@code nats-jetstream} Camel component is found by its scheme and configured by its generated configurer (no
 * reflection), like Camel's own; it only consumes.
 */
class JetStreamComponentTest {

    @Test
    void theSchemeResolvesAndTheGeneratedConfigurerSetsTheOptions() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            NatsSystemConnection connection = new NatsSystemConnection();
            context.getRegistry().bind("nats", connection);
            context.start();
            PropertyConfigurer configurer = org.apache.camel.support.PluginHelper.getConfigurerResolver(context)
                    .resolvePropertyConfigurer("nats-jetstream-endpoint", context);
            assertThat(configurer).isInstanceOf(JetStreamEndpointConfigurer.class);
            JetStreamEndpoint endpoint = context.getEndpoint("nats-jetstream:ORDERS?connection=#nats&durable=RAW(w-1)"
                    + "&filterSubject=orders.*&ackWait=5000&maxDeliver=3&redeliverUnkept=true", JetStreamEndpoint.class);
            assertThat(endpoint.getStream()).isEqualTo("ORDERS");
            assertThat(endpoint.getConnection()).isSameAs(connection);
            assertThat(endpoint.getDurable()).isEqualTo("w-1");
            assertThat(endpoint.getFilterSubject()).isEqualTo("orders.*");
            assertThat(endpoint.getAckWait()).isEqualTo(5000);
            assertThat(endpoint.getMaxDeliver()).isEqualTo(3);
            assertThat(endpoint.isRedeliverUnkept()).isTrue();
            assertThatThrownBy(endpoint::createProducer).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("jetstreamEnabled");
        }
    }
}
