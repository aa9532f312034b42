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
}
