package io.unikernal.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.udm.UdmHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a kafka target writes: the key its CEL expression computes, so all records of one key land in one partition
 * in the order they were sent; the UDM envelope as record headers (correlation id, schema name and version) and no
 * other header; and a record whose key cannot be computed (the field is missing) goes to the dead letter.
 */
class KafkaTargetRecordTest {

    @TempDir
    Path workDir;

    @Test
    void theKeyFromCelPartitionsByKeyAndTheEnvelopeTravelsAsHeaders() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String out = KafkaPeers.newTopic(broker, "keyed", 3);
        String app = KafkaPeers.appName("keyed");
        String udl = """
                udl: 8
                name: %s
                systems:
                  feed: {adapter: contract-probe}
                  events: {adapter: kafka, brokers: "%s", topic: %s}
                  parked: {adapter: contract-probe}
                schemas:
                  Payment:
                    version: 4
                    fields:
                      id: {type: string, required: true}
                      customer: {type: string}
                      n: {type: int}
                routes:
                  - name: pay
                    from: feed
                    steps:
                      - validate: Payment
                      - to: {system: events, key: "'c-' + customer"}
                    deadLetter: parked
                """.formatted(app, broker.bootstrap(), out);
        List<String> customers = List.of("ann", "bob", "cid", "dee", "eve");
        try (UdlRuntime running = KafkaApps.start(app, udl, workDir);
                ProducerTemplate producer = running.context().createProducerTemplate()) {
            for (int n = 1; n <= 30; n++) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", "p-" + n);
                body.put("n", n);
                if (n != 17) { // no customer: the key cannot be computed
                    body.put("customer", customers.get(n % customers.size()));
                }
                Map<String, Object> headers = new HashMap<>();
                headers.put(UdmHeaders.CORRELATION_ID, "corr-" + n);
                headers.put("Authorization", "Bearer not-for-kafka");
                producer.sendBodyAndHeaders(Probes.feedUri(app, "feed"), body, headers);
            }
            Awaitility.await("29 records and one dead letter").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50)).until(() -> KafkaApps.records(broker, out, 3).size() == 29
                            && KafkaApps.ids(app, "parked").size() == 1);
        }
        List<ConsumerRecord<String, String>> records = KafkaApps.records(broker, out, 3);
        Map<String, Set<Integer>> partitionsByKey = records.stream().collect(Collectors.groupingBy(
                ConsumerRecord::key, Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
        assertThat(partitionsByKey.keySet()).containsExactlyInAnyOrder("c-ann", "c-bob", "c-cid", "c-dee", "c-eve");
        assertThat(partitionsByKey.values()).as("each key in one partition").allSatisfy(p -> assertThat(p).hasSize(1));
        for (String key : partitionsByKey.keySet()) {
            List<Integer> order = new ArrayList<>();
            records.stream().filter(r -> r.key().equals(key)).map(KafkaPeers::decode)
                    .forEach(r -> order.add(((Number) ((Map<?, ?>) r.body()).get("n")).intValue()));
            assertThat(order).as("the records of " + key + " in the order sent").isSorted();
        }
        Received first = KafkaPeers.decode(records.stream().filter(r -> r.value().contains("\"p-1\""))
                .findFirst().orElseThrow());
        assertThat(first.correlationId()).isEqualTo("corr-1");
        assertThat(first.schema()).isEqualTo("Payment");
        assertThat(first.schemaVersion()).isEqualTo("4");
        assertThat(first.headers().keySet()).allMatch(name -> name.startsWith("Udm") || name.equals("X-Correlation-Id"));
        assertThat(KafkaApps.ids(app, "parked")).containsExactly("p-17");
    }

    /** The hook a bridge forwards headers through: the map's entries as record headers, reserved names never. */
    @Test
    void theHeadersABridgeCarriesAreWrittenAndReservedNamesNever() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String out = KafkaPeers.newTopic(broker, "carried", 1);
        String app = KafkaPeers.appName("carried");
        String udl = """
                udl: 8
                name: %s
                systems:
                  feed: {adapter: contract-probe}
                  events: {adapter: kafka, brokers: "%s", topic: %s}
                routes:
                  - name: carry
                    from: feed
                    steps:
                      - to: events
                """.formatted(app, broker.bootstrap(), out);
        Map<String, String> carried = new LinkedHashMap<>();
        carried.put("tenant", "t-1");
        carried.put(io.unikernal.runtime.CarriedHeaders.CONTENT_TYPE, "text/csv");
        carried.put(UdmHeaders.CALLER, "mallory");
        carried.put("kafka.KEY", "forged");
        carried.put("X-Correlation-Id", "forged");
        carried.put("CamelKafkaOverrideTopic", "elsewhere");
        try (UdlRuntime running = KafkaApps.start(app, udl, workDir);
                ProducerTemplate producer = running.context().createProducerTemplate()) {
            producer.send(Probes.feedUri(app, "feed"), exchange -> {
                exchange.getMessage().setBody("id,item\n1,widget\n");
                exchange.getMessage().setHeader(UdmHeaders.CORRELATION_ID, "corr-1");
                exchange.setProperty(io.unikernal.runtime.CarriedHeaders.PROPERTY, carried);
            });
            producer.sendBody(Probes.feedUri(app, "feed"), Map.of("id", "plain"));
            Awaitility.await("both records").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> KafkaApps.records(broker, out, 1).size() == 2);
        }
        List<ConsumerRecord<String, String>> records = KafkaApps.records(broker, out, 1);
        Received first = KafkaPeers.decode(records.get(0));
        assertThat(records.get(0).value()).isEqualTo("id,item\n1,widget\n");
        assertThat(records.get(0).key()).as("kafka.KEY from the map is not the key").isNull();
        assertThat(first.headers()).containsEntry("tenant", "t-1").containsEntry("content-type", "text/csv")
                .containsEntry("X-Correlation-Id", "corr-1").doesNotContainKeys(UdmHeaders.CALLER, "kafka.KEY",
                        "CamelKafkaOverrideTopic");
        assertThat(KafkaPeers.decode(records.get(1)).headers()).as("no map: the envelope alone")
                .doesNotContainKeys("tenant", "content-type");
    }
}
