package io.unikernal.dsl.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Content-based routing on the routing engine (its Java twin here) in a hand-written route. */
class SmartRouteTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    private ProducerTemplate start(SmartRoute routing) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                routing.appendTo(from("direct:in"));
            }
        });
        context.start();
        return context.createProducerTemplate();
    }

    @Test
    void theEngineSendsEachMessageToTheFirstBranchThatMatches() throws Exception {
        SmartRoute routing = SmartRoute.engine("java").when("amount > 1000", "seda:review")
                .when("country == 'DE'", "seda:de").otherwise("seda:rest");
        assertThat(routing.onEngine()).isTrue();
        ProducerTemplate template = start(routing);
        template.sendBody("direct:in", Map.of("amount", 5000, "country", "DE"));
        template.sendBody("direct:in", Map.of("amount", 10, "country", "DE"));
        template.sendBody("direct:in", Map.of("amount", 10, "country", "FR"));
        ConsumerTemplate consumer = context.createConsumerTemplate();
        assertThat(consumer.receiveBody("seda:review", 10_000, Map.class)).containsEntry("amount", 5000);
        assertThat(consumer.receiveBody("seda:de", 10_000, Map.class)).containsEntry("amount", 10)
                .containsEntry("country", "DE");
        assertThat(consumer.receiveBody("seda:rest", 10_000, Map.class)).containsEntry("country", "FR");
        assertThat(consumer.receiveNoWait("seda:review")).isNull();
    }

    @Test
    void aConditionTheEngineCannotTakeStaysOnCel() throws Exception {
        SmartRoute routing = SmartRoute.engine("auto").when("amount * 2 > 100 && size(country) == 2", "seda:big")
                .otherwise("seda:small");
        assertThat(routing.onEngine()).isFalse();
        ProducerTemplate template = start(routing);
        template.sendBody("direct:in", Map.of("amount", 60, "country", "DE"));
        template.sendBody("direct:in", Map.of("amount", 40, "country", "DE"));
        ConsumerTemplate consumer = context.createConsumerTemplate();
        assertThat(consumer.receiveBody("seda:big", 10_000, Map.class)).containsEntry("amount", 60);
        assertThat(consumer.receiveBody("seda:small", 10_000, Map.class)).containsEntry("amount", 40);
    }

    @Test
    void anUnknownEngineIsRefused() {
        assertThatThrownBy(() -> SmartRoute.engine("gpu")).hasMessageContaining("'gpu' must be rust, java or auto");
    }
}
