package io.unikernal.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.paho.PahoConstants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MqttOutbound#TOPIC_PROPERTY}, the hook a translation publishes to a topic of its choice with: the message goes
 * to that topic instead of the endpoint's, and a caller's own override header never does (it is removed first).
 * Against the machine's Mosquitto, both protocol versions, unique topics per run.
 */
class OutboundTopicHookTest {

    @ParameterizedTest
    @ValueSource(strings = {"5", "3"})
    void aTopicTheSectionChoseReplacesTheEndpointsAndACallersOverrideIsDropped(String protocol) throws Exception {
        String base = "ut-hook-" + UUID.randomUUID().toString().substring(0, 8);
        String url = "tcp://127.0.0.1:1883";
        try (DefaultCamelContext camel = new DefaultCamelContext();
                TestClient subscriber = TestClient.connect(protocol, url, null, false)) {
            subscriber.subscribe(base + "/#", 1);
            if ("5".equals(protocol)) {
                Mqtt5Component component = new Mqtt5Component();
                component.getConfiguration().setBrokerUrl(url);
                camel.addComponent("broker", component);
            } else {
                Mqtt3Component component = new Mqtt3Component();
                component.getConfiguration().setBrokerUrl(url);
                camel.addComponent("broker", component);
            }
            MqttOutbound outbound = new MqttOutbound();
            outbound.setMqtt5("5".equals(protocol));
            camel.getRegistry().bind("outbound", outbound);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").process("outbound").to("broker:" + base + "/fixed?qos=1");
                }
            });
            camel.start();
            String callersOverride = "5".equals(protocol) ? PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC
                    : PahoConstants.CAMEL_PAHO_OVERRIDE_TOPIC;
            camel.createProducerTemplate().send("direct:in", exchange -> {
                exchange.setProperty(MqttOutbound.TOPIC_PROPERTY, base + "/chosen");
                exchange.getMessage().setHeader(callersOverride, base + "/caller");
                exchange.getMessage().setBody("{\"n\": 1}");
            });
            camel.createProducerTemplate().send("direct:in", exchange -> {
                exchange.getMessage().setHeader(callersOverride, base + "/caller");
                exchange.getMessage().setBody("{\"n\": 2}");
            });
            Awaitility.await("both published").atMost(Duration.ofSeconds(20))
                    .until(() -> subscriber.received().size() >= 2);
            assertThat(subscriber.received()).extracting(TestClient.Got::topic)
                    .containsExactlyInAnyOrder(base + "/chosen", base + "/fixed");
        }
    }
}
