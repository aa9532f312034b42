package io.unikernal.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.contract.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message is acked only once its route has finished with it: the app is stopped (with a short shutdown timeout)
 * while its route is stuck retrying the first of a prefetched batch; the messages it had received but not finished
 * are back in the queue, and a second app takes every one of them. Counted by id: none lost.
 */
class RabbitMqAckAfterRouteTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final String id = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void messagesReceivedButNotFinishedWhenTheAppStopsComeBackToTheQueue() throws Exception {
        String in = "a-in-" + id;
        String out = "a-out-" + id;
        String parked = "a-parked-" + id;
        String missing = "a-missing-" + id;
        try (Broker broker = new Broker(RabbitMqFixture.MACHINE_PORT).queue(in).queue(out).queue(parked)) {
            List<Received> delivered = broker.consume(out);
            List<Received> deadLetters = broker.consume(parked);
            // the first app publishes to an exchange that does not exist: every message is stuck in its retries
            String stuck = relay(in, "exchange: " + missing + ", routingKey: k, declare: false", parked);
            Set<String> sent = new HashSet<>();
            try (UdlRuntime app = Apps.start("rmq-stuck", stuck, tmp, Map.of("camel.main.shutdownTimeout", "1"))) {
                for (int i = 1; i <= 5; i++) {
                    broker.publish("", in, "{\"id\": \"m-" + i + "\"}", "corr-m-" + i, Map.of());
                    sent.add("m-" + i);
                }
                Awaitility.await("the batch prefetched, the first message in its route").atMost(PATIENCE)
                        .until(() -> broker.ready(in) == 0 && app.context().getInflightRepository().size() > 0);
            }
            assertThat(delivered).as("relayed by the stuck app").isEmpty();
            long back = broker.ready(in);
            assertThat(back).as("messages back in the queue once the app stopped").isGreaterThanOrEqualTo(4);

            try (UdlRuntime app = Apps.start("rmq-relay", relay(in, "exchange: default, queue: " + out, parked),
                    tmp)) {
                Awaitility.await("every message relayed or dead-lettered").atMost(PATIENCE)
                        .until(() -> ids(delivered, deadLetters).containsAll(sent));
            }
            System.out.printf("ack after route: %d of %d back in the queue; %d relayed, %d dead-lettered%n", back,
                    sent.size(), delivered.size(), deadLetters.size());
            assertThat(broker.ready(in)).isZero();
        }
    }

    private static String relay(String in, String to, String parked) {
        return """
                udl: 8
                name: rmq-ack
                systems:
                  broker: {adapter: rabbitmq}
                routes:
                  - name: relay
                    from: {system: broker, queue: %s, prefetch: 10}
                    policy:
                      retry: {attempts: 100, initial: 300ms, max: 300ms}
                    steps:
                      - to: {system: broker, %s}
                    deadLetter: {system: broker, exchange: default, queue: %s}
                """.formatted(in, to, parked);
    }

    private static Set<String> ids(List<Received> delivered, List<Received> deadLetters) {
        Set<String> ids = delivered.stream().map(Received::id).filter(Objects::nonNull).collect(Collectors.toSet());
        deadLetters.stream().map(r -> ((Map<?, ?>) r.body()).get("correlationId")).filter(Objects::nonNull)
                .map(c -> String.valueOf(c).replaceFirst("^corr-", "")).forEach(ids::add);
        return ids;
    }
}
