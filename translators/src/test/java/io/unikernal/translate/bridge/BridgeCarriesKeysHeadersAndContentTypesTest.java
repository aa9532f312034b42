package io.unikernal.translate.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unikernal.runtime.StrictJson;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a bridge carries besides the body, in process and from the emitted YAML: the Kafka key as the routing key
 * ({@code routingKeyFromKey}), the headers of the {@code carryHeaders} allow-list both ways (others, and the
 * kernel's, never), the content type (AMQP {@code content_type} <-> a {@code content-type} record header) and a body
 * that is not JSON as it was sent; and every bridged message timed in {@code unikernal.translation.calls} by topic or
 * queue and outcome.
 */
class BridgeCarriesKeysHeadersAndContentTypesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CSV = "id,item\n1,widget\n";
    @RegisterExtension
    static final KafkaPerClass kafka = new KafkaPerClass();

    @TempDir
    Path workDir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    @RegisterExtension
    final MachineRabbitMq rabbit = new MachineRabbitMq();

    @Test
    void kafkaToRabbitMqCarriesTheKeyAsRoutingKeyTheAllowedHeadersAndTheContentType() throws Exception {
        String topic = "carry-in-" + run;
        String rejected = "carry-rejected-" + run;
        String exchange = rabbit.exchange("carry-x-" + run);
        String orders = rabbit.queue("carry-orders-" + run);
        String vip = rabbit.queue("carry-vip-" + run);
        rabbit.channel().exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, true);
        rabbit.channel().queueDeclare(vip, true, false, false, null);
        rabbit.channel().queueBind(vip, exchange, "vip");
        String udl = """
                udl: 8
                name: carry-k2r-%s
                systems:
                  events: {adapter: kafka, brokers: "%s", topic: %s}
                  rejected: {adapter: kafka, brokers: "%s", topic: %s}
                  mq: {adapter: rabbitmq}
                translations:
                  - name: orders
                    expose: {system: events, protocol: kafka}
                    target: {system: mq, exchange: %s, routingKey: order.created, queue: %s, routingKeyFromKey: true}
                    carryHeaders: [tenant]
                    deadLetter: rejected
                """.formatted(run, kafka.bootstrap(), topic, kafka.bootstrap(), rejected, exchange, orders);
        Map<String, String> seen = bothWays(udl, app -> {
            String batch = UUID.randomUUID().toString().substring(0, 8);
            try (KafkaProducer<String, String> producer = BridgePeers.producer(kafka.bootstrap())) {
                ProducerRecord<String, String> csv = new ProducerRecord<>(topic, "vip", CSV);
                header(csv, "content-type", "text/csv");
                header(csv, "tenant", "t-" + batch);
                header(csv, "UdmCaller", "mallory"); // a sender posing as an authenticated caller
                header(csv, "X-Secret", "not carried");
                producer.send(csv).get();
                producer.send(new ProducerRecord<>(topic, null, StrictJson.write(Map.of("id", batch)))).get();
                producer.send(new ProducerRecord<>(topic, "k".repeat(300), StrictJson.write(Map.of("id", "long"))))
                        .get();
            }
            Map<String, String> outcome = new TreeMap<>();
            Awaitility.await("the csv record in the vip queue, the JSON one in the orders queue").atMost(PATIENCE)
                    .until(() -> {
                        take(vip, "vip", batch, outcome);
                        take(orders, "orders", batch, outcome);
                        return outcome.containsKey("vip.body") && outcome.containsKey("orders.body");
                    });
            Awaitility.await("the three records timed").atMost(PATIENCE).until(() -> counts(app.context()
                    .getRegistry().findSingleByType(MeterRegistry.class), topic).values().stream()
                    .mapToLong(Long::longValue).sum() == 3);
            counts(app.context().getRegistry().findSingleByType(MeterRegistry.class), topic)
                    .forEach((status, count) -> outcome.put("timed." + status, String.valueOf(count)));
            return outcome;
        });
        assertThat(seen).containsEntry("vip.body", CSV).containsEntry("vip.contentType", "text/csv")
                .containsEntry("vip.tenant", "t-BATCH").containsEntry("vip.headers", "[UdmCreatedAt, UdmSource, tenant]")
                .containsEntry("orders.body", "{\"id\":\"BATCH\"}")
                .containsEntry("orders.contentType", "application/json")
                .containsEntry("orders.headers", "[UdmCreatedAt, UdmSource]")
                .containsEntry("timed.ok", "2").containsEntry("timed.dead-lettered", "1");
    }

    @Test
    void rabbitMqToKafkaCarriesTheAllowedHeadersAndTheContentType() throws Exception {
        String queue = rabbit.queue("carry-in-" + run);
        String topic = "carry-out-" + run;
        String udl = """
                udl: 8
                name: carry-r2k-%s
                systems:
                  mq: {adapter: rabbitmq}
                  events: {adapter: kafka, brokers: "%s", topic: %s}
                translations:
                  - name: orders
                    expose: {system: mq, protocol: amqp, queue: %s}
                    target: {system: events}
                    carryHeaders: [tenant, traceparent]
                """.formatted(run, kafka.bootstrap(), topic, queue);
        Map<String, String> seen = bothWays(udl, app -> {
            String batch = UUID.randomUUID().toString().substring(0, 8);
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("tenant", "t-" + batch);
            headers.put("UdmCaller", "mallory");
            headers.put("X-Secret", "not carried");
            rabbit.channel().basicPublish("", queue, new AMQP.BasicProperties.Builder().contentType("text/plain")
                    .headers(headers).build(), ("hello " + batch).getBytes(StandardCharsets.UTF_8));
            rabbit.channel().basicPublish("", queue, new AMQP.BasicProperties.Builder().contentType("application/json")
                    .build(), StrictJson.write(Map.of("id", batch)).getBytes(StandardCharsets.UTF_8));
            Map<String, String> outcome = new TreeMap<>();
            try (KafkaConsumer<String, String> reader = BridgePeers.reader(kafka.bootstrap(), topic)) {
                for (int polls = 0; polls < 300 && !(outcome.containsKey("text.body")
                        && outcome.containsKey("json.body")); polls++) {
                    for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                        if (!record.value().contains(batch)) {
                            continue; // the other run's
                        }
                        String kind = record.value().startsWith("hello") ? "text" : "json";
                        Map<String, String> names = new TreeMap<>();
                        for (Header header : record.headers()) {
                            names.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)
                                    .replace(batch, "BATCH"));
                        }
                        outcome.put(kind + ".body", record.value().replace(batch, "BATCH"));
                        outcome.put(kind + ".key", queue.equals(record.key()) ? "the routing key" : record.key());
                        outcome.put(kind + ".headers", String.valueOf(names.keySet()));
                        outcome.put(kind + ".contentType", names.get("content-type"));
                        outcome.put(kind + ".tenant", names.get("tenant"));
                    }
                }
            }
            Awaitility.await("the two messages timed").atMost(PATIENCE).until(() -> counts(app.context().getRegistry()
                    .findSingleByType(MeterRegistry.class), queue).getOrDefault("ok", 0L) == 2);
            return outcome;
        });
        assertThat(seen).containsEntry("text.body", "hello BATCH").containsEntry("text.contentType", "text/plain")
                .containsEntry("text.tenant", "t-BATCH").containsEntry("text.key", "the routing key")
                .containsEntry("text.headers", "[UdmCorrelationId, UdmCreatedAt, UdmSource, X-Correlation-Id, content-type, tenant]")
                .containsEntry("json.body", "{\"id\":\"BATCH\"}").containsEntry("json.contentType", "application/json")
                .containsEntry("json.headers", "[UdmCorrelationId, UdmCreatedAt, UdmSource, X-Correlation-Id, content-type]");
    }

    private <T> T bothWays(String udl, TwoWayRun.Scenario<T> scenario) throws Exception {
        return BridgePeers.bothWays(udl, workDir, scenario);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes the queue's messages of this batch: body, content type, tenant header and header names. */
    private void take(String queue, String label, String batch, Map<String, String> outcome) throws Exception {
        for (GetResponse got : rabbit.take(queue)) {
            String body = new String(got.getBody(), StandardCharsets.UTF_8);
            Map<String, Object> headers = got.getProps().getHeaders() == null ? Map.of() : got.getProps().getHeaders();
            String tenant = headers.get("tenant") == null ? null : headers.get("tenant").toString();
            if (!body.contains(batch) && (tenant == null || !tenant.contains(batch))) {
                continue; // the other run's
            }
            outcome.put(label + ".body", body.replace(batch, "BATCH"));
            outcome.put(label + ".contentType", got.getProps().getContentType());
            outcome.put(label + ".tenant", tenant == null ? null : tenant.replace(batch, "BATCH"));
            TreeSet<String> names = new TreeSet<>(headers.keySet());
            names.removeIf(name -> name.startsWith("spring_")); // Spring's publisher-confirm correlation, its own
            outcome.put(label + ".headers", String.valueOf(names));
        }
    }

    /** The bridge's timed messages by status, for the topic or queue it consumes. */
    private static Map<String, Long> counts(MeterRegistry registry, String method) {
        Map<String, Long> counts = new TreeMap<>();
        for (Timer timer : registry.find(TranslationMetrics.TIMER).tag("method", method).timers()) {
            assertThat(timer.getId().getTag("translation")).isEqualTo("translation-orders");
            counts.put(timer.getId().getTag("status"), timer.count());
        }
        return counts;
    }
}
