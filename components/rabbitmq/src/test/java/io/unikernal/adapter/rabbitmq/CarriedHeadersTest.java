package io.unikernal.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.GetResponse;
import io.unikernal.runtime.CarriedHeaders;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.udm.UdmHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish side of the hook a bridge forwards headers through ({@link CarriedHeaders}): the entries of the
 * exchange's map become AMQP headers, its content type the message's {@code content_type}, and a reserved name
 * among them (the envelope's, Camel's) is never published; without the map a message is JSON as always.
 */
class CarriedHeadersTest {

    @TempDir
    Path tmp;

    @Test
    void theCarriedHeadersAndContentTypeArePublishedAndReservedNamesNever() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String out = "t-carried-" + id;
        String app = "rmq-carried-" + id;
        String udl = """
                udl: 8
                name: %s
                systems:
                  feed: {adapter: contract-probe}
                  broker: {adapter: rabbitmq}
                routes:
                  - name: publish
                    from: feed
                    steps:
                      - to: {system: broker, exchange: default, queue: %s}
                """.formatted(app, out);
        try (Broker broker = new Broker(RabbitMqFixture.MACHINE_PORT);
                UdlRuntime running = UdlRuntime.start(ProbeApps.compile(app, udl, tmp), Map.of());
                ProducerTemplate producer = running.context().createProducerTemplate()) {
            broker.queue(out);
            Map<String, String> carried = new LinkedHashMap<>();
            carried.put("tenant", "t-1");
            carried.put(CarriedHeaders.CONTENT_TYPE, "text/csv");
            carried.put(UdmHeaders.CALLER, "mallory");
            carried.put("CamelSpringRabbitmqRoutingOverrideKey", "elsewhere");
            carried.put("X-Correlation-Id", "forged");
            producer.send(Probes.feedUri(app, "feed"), exchange -> {
                exchange.getMessage().setBody("id,item\n1,widget\n");
                exchange.getMessage().setHeader(UdmHeaders.CORRELATION_ID, "corr-1");
                exchange.setProperty(CarriedHeaders.PROPERTY, carried);
            });
            producer.sendBody(Probes.feedUri(app, "feed"), Map.of("id", "plain"));
            AtomicReference<GetResponse> first = new AtomicReference<>();
            AtomicReference<GetResponse> second = new AtomicReference<>();
            Awaitility.await("both messages published").atMost(Duration.ofSeconds(60)).until(() -> {
                GetResponse got = broker.get(out);
                if (got != null) {
                    (first.get() == null ? first : second).set(got);
                }
                return second.get() != null;
            });
            var properties = first.get().getProps();
            assertThat(new String(first.get().getBody(), StandardCharsets.UTF_8)).isEqualTo("id,item\n1,widget\n");
            assertThat(properties.getContentType()).isEqualTo("text/csv");
            assertThat(properties.getCorrelationId()).isEqualTo("corr-1");
            assertThat(properties.getHeaders()).containsKey("tenant");
            assertThat(String.valueOf(properties.getHeaders().get("tenant"))).isEqualTo("t-1");
            assertThat(properties.getHeaders().keySet()).doesNotContain(UdmHeaders.CALLER, "X-Correlation-Id",
                    "CamelSpringRabbitmqRoutingOverrideKey", CarriedHeaders.CONTENT_TYPE);
            assertThat(second.get().getProps().getContentType()).as("no map: JSON as always")
                    .isEqualTo("application/json");
            assertThat(second.get().getProps().getHeaders()).doesNotContainKey("tenant");
        }
    }
}
