package io.unikernal.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.BuiltinExchangeType;
import io.unikernal.testkit.contract.Received;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens to a message that fails, against the machine's RabbitMQ: a message the route cannot process goes to
 * the route's dead letter and is then acked (its queue is empty once the app stops: nothing comes back), and a
 * publish the broker does not take — returned as unroutable under mandatory routing, or nacked — is a failure of the
 * route's call, retried by its policy and then dead-lettered with the broker's reason.
 */
class RabbitMqDeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String in = "t-in-" + id;
    private final String out = "t-out-" + id;
    private final String parked = "t-parked-" + id;
    private Broker broker;
    private List<Received> delivered;
    private List<Received> deadLetters;

    @BeforeEach
    void queues() throws Exception {
        broker = new Broker(RabbitMqFixture.MACHINE_PORT).queue(in).queue(out).queue(parked);
        delivered = broker.consume(out);
        deadLetters = broker.consume(parked);
    }

    @AfterEach
    void deleteQueues() throws Exception {
        broker.close();
    }

    @Test
    void aMessageTheRouteCannotProcessIsDeadLetteredThenAckedInProcessAndFromTheYaml() throws Exception {
        String udl = """
                udl: 8
                name: rmq-dead-letter
                systems:
                  broker: {adapter: rabbitmq}
                schemas:
                  Order:
                    version: 1
                    fields:
                      id: {type: string, required: true}
                      amount: {type: int, required: true}
                routes:
                  - name: take
                    from: {system: broker, queue: %s}
                    steps:
                      - validate: Order
                      - to: {system: broker, exchange: default, queue: %s}
                    deadLetter: {system: broker, exchange: default, queue: %s}
                """.formatted(in, out, parked);
        List<Integer> runs = new ArrayList<>();
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run("rmq-dead-letter.udl.yaml", udl, Map.of(), tmp,
                app -> {
                    int run = runs.size() + 1;
                    runs.add(run);
                    String good = "good-" + run;
                    String invalid = "invalid-" + run;
                    broker.publish("", in, "{\"id\": \"" + good + "\", \"amount\": 7}", "corr-" + good, Map.of());
                    broker.publish("", in, "{\"id\": \"" + invalid + "\"}", "corr-" + invalid, Map.of());
                    broker.publish("", in, "{\"id\": \"malformed-" + run, "corr-malformed-" + run, Map.of());
                    Awaitility.await("the message and the dead letters of run " + run).atMost(PATIENCE)
                            .until(() -> delivered.size() == run && deadLetters.size() == 2 * run);
                    List<Object> seen = new ArrayList<>();
                    Received passed = delivered.get(run - 1);
                    seen.add(passed.body());
                    seen.add(passed.correlationId());
                    for (Received record : deadLetters.subList(2 * (run - 1), 2 * run)) {
                        Map<?, ?> body = (Map<?, ?>) record.body();
                        seen.add(List.of(record.correlationId(), body.get("route"), body.get("attempts")));
                    }
                    return seen;
                });
        assertThat(outcomes.inProcess()).containsExactly(Map.of("id", "good-1", "amount", 7L), "corr-good-1",
                List.of("corr-invalid-1", "take", 1L), List.of("corr-malformed-1", "take", 1L));
        assertThat(outcomes.emitted()).containsExactly(Map.of("id", "good-2", "amount", 7L), "corr-good-2",
                List.of("corr-invalid-2", "take", 1L), List.of("corr-malformed-2", "take", 1L));
        // both apps have stopped: a message they had not acked would be back in the queue
        assertThat(broker.ready(in)).as("messages left in the source queue").isZero();
        assertThat(delivered).hasSize(2);
        assertThat(deadLetters).hasSize(4);
        Map<?, ?> invalid = (Map<?, ?>) deadLetters.get(0).body();
        assertThat(invalid.get("reason")).isEqualTo("the message does not match schema Order v1");
        assertThat(String.valueOf(invalid.get("details"))).contains("amount");
        assertThat(invalid.get("payload")).isEqualTo("{\"id\": \"invalid-1\"}");
    }

    @Test
    void anUnroutablePublishFailsTheCallIsRetriedAndDeadLettered() throws Exception {
        String exchange = "t-nowhere-" + id;
        broker.forget(exchange, false); // the app declares it, bound to nothing
        Map<?, ?> record = deadLetterOf("""
                      - to: {system: broker, exchange: %s, routingKey: no.queue}
                """.formatted(exchange));
        assertThat(record.get("reason")).isEqualTo("RabbitMQ could not route the message to exchange '" + exchange
                + "' with routing key 'no.queue': no queue is bound for it (312 NO_ROUTE)");
        assertThat(record.get("attempts")).isEqualTo(2L);
    }

    @Test
    void aNackedPublishFailsTheCallIsRetriedAndDeadLettered() throws Exception {
        String exchange = "t-full-" + id;
        String full = "t-full-" + id;
        // a queue that refuses publishes once it holds one message: the broker nacks what is routed to it
        broker.exchange(exchange, BuiltinExchangeType.DIRECT).queue(full, Map.of("x-max-length", 1,
                "x-overflow", "reject-publish")).bind(full, exchange, "full");
        broker.publish(exchange, "full", "{\"id\": \"filler\"}", "corr-filler", Map.of());
        Map<?, ?> record = deadLetterOf("""
                      - to: {system: broker, exchange: %s, routingKey: full, declare: false}
                """.formatted(exchange));
        assertThat(String.valueOf(record.get("reason"))).startsWith("RabbitMQ refused the message to exchange '"
                + exchange + "' with routing key 'full' (nack");
        assertThat(record.get("attempts")).isEqualTo(2L);
        assertThat(broker.ready(full)).as("the full queue kept only its filler").isEqualTo(1);
    }

    /**
     * The source's dead-letter exchange and queue are declared with its queue: what the broker dead-letters from the
     * queue (here a message that expired while no app consumed it) lands in the dead-letter queue.
     */
    @Test
    void theQueuesDeadLetterExchangeAndQueueAreDeclaredAndReceiveWhatTheBrokerDeadLetters() throws Exception {
        String source = "t-dlx-in-" + id;
        String exchange = "t-dlx-" + id;
        String queue = "t-dlq-" + id;
        broker.forget(source, true);
        broker.forget(queue, true);
        broker.forget(exchange, false);
        String udl = """
                udl: 8
                name: rmq-dlx
                systems:
                  broker: {adapter: rabbitmq}
                routes:
                  - name: take
                    from: {system: broker, queue: %s, deadLetterExchange: %s, deadLetterQueue: %s}
                    steps:
                      - to: {system: broker, exchange: default, queue: %s}
                """.formatted(source, exchange, queue, out);
        try (var app = Apps.start("rmq-dlx", udl, tmp)) {
            broker.publish("", source, "{\"id\": \"taken\"}", "corr-taken", Map.of());
            Awaitility.await("the message through the route").atMost(PATIENCE).until(() -> !delivered.isEmpty());
        }
        broker.publishExpiring(source, "{\"id\": \"expired\"}");
        Awaitility.await("the expired message in the dead-letter queue").atMost(PATIENCE)
                .until(() -> broker.ready(queue) == 1);
        assertThat(broker.ready(source)).isZero();
    }

    /** Runs a route with this step (retried once) on one message and returns its dead-letter record. */
    private Map<?, ?> deadLetterOf(String step) throws Exception {
        String udl = """
                udl: 8
                name: rmq-refused
                systems:
                  broker: {adapter: rabbitmq}
                routes:
                  - name: forward
                    from: {system: broker, queue: %s}
                    policy:
                      retry: {attempts: 2, initial: 10ms}
                    steps:
                %s    deadLetter: {system: broker, exchange: default, queue: %s}
                """.formatted(in, step, parked);
        try (var app = Apps.start("rmq-refused", udl, tmp)) {
            broker.publish("", in, "{\"id\": \"refused\"}", "corr-refused", Map.of());
            Awaitility.await("the dead letter").atMost(PATIENCE).until(() -> !deadLetters.isEmpty());
        }
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).correlationId()).isEqualTo("corr-refused");
        assertThat(broker.ready(in)).as("messages left in the source queue").isZero();
        return (Map<?, ?>) deadLetters.get(0).body();
    }
}
