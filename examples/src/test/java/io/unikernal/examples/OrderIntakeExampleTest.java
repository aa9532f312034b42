package io.unikernal.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/order-intake against the machine's RabbitMQ and PostgreSQL, in process and from the compiled YAML: valid
 * orders are stored, an invalid one is published to the failed queue with the reason, and the input queue is empty
 * afterwards (every message acked). The machine's servers outlive the run, so the example's own file runs with its
 * queues and table renamed for this run only.
 */
class OrderIntakeExampleTest {

    private static final Path EXAMPLE = Path.of("order-intake");
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/postgres";

    @TempDir
    Path tmp;

    private final String run = "uk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String in = run + ".orders.in";
    private final String failed = run + ".orders.failed";
    private final String table = "orders_in_" + run;

    @AfterEach
    void cleanUp() throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection(POSTGRES, "postgres", null);
                Statement s = c.createStatement()) {
            s.execute("drop table if exists " + table);
        }
        try (Connection connection = broker(); Channel channel = connection.createChannel()) {
            channel.queueDelete(in);
            channel.queueDelete(failed);
        }
    }

    @Test
    void ordersAreStoredAndAnInvalidOneGoesToTheFailedQueueWithTheReason() throws Exception {
        Path udl = tmp.resolve("orders.udl.yaml");
        Files.writeString(udl, Files.readString(EXAMPLE.resolve("orders.udl.yaml"))
                .replace("queue: orders.in", "queue: " + in).replace("queue: orders.failed", "queue: " + failed)
                .replace("orders_in(", table + "(").replace("name: order-intake", "name: order-intake-" + run));
        Files.writeString(tmp.resolve("orders.sql"), Files.readString(EXAMPLE.resolve("orders.sql"))
                .replace("orders_in (", table + " ("));

        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(udl, Map.of(), tmp, app -> {
            String r = String.valueOf(countRows() / 2 + 1);
            try (Connection connection = broker(); Channel channel = connection.createChannel()) {
                publish(channel, "{\"id\": \"a-" + r + "\", \"customer\": \"Ada\", \"amount\": 12.5}");
                publish(channel, "{\"id\": \"b-" + r + "\", \"amount\": -1}");
                publish(channel, "{\"id\": \"c-" + r + "\", \"customer\": \"Grace\", \"amount\": 40}");
                Awaitility.await("the valid orders stored").atMost(Duration.ofSeconds(60))
                        .until(() -> countRows() == 2 * Integer.parseInt(r));
                GetResponse parked = Awaitility.await("the invalid order in the failed queue")
                        .atMost(Duration.ofSeconds(60)).until(() -> channel.basicGet(failed, true),
                                response -> response != null);
                Awaitility.await("every message acked").atMost(Duration.ofSeconds(60))
                        .until(() -> channel.messageCount(in) == 0 && channel.consumerCount(in) == 1);
                List<Object> seen = new ArrayList<>();
                Map<?, ?> record = (Map<?, ?>) StrictJson.read(new String(parked.getBody(), StandardCharsets.UTF_8),
                        Map.class);
                seen.add(String.valueOf(record.get("payload")).contains("b-" + r));
                seen.add(String.valueOf(record.get("reason")).contains("Order"));
                return seen;
            }
        });
        assertThat(outcomes.inProcess()).containsExactly(true, true);
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
        assertThat(countRows()).isEqualTo(4);
    }

    private static Connection broker() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        return factory.newConnection();
    }

    private void publish(Channel channel, String json) throws Exception {
        channel.basicPublish("", in, new AMQP.BasicProperties.Builder().contentType("application/json")
                .deliveryMode(2).build(), json.getBytes(StandardCharsets.UTF_8));
    }

    private int countRows() {
        try (java.sql.Connection c = DriverManager.getConnection(POSTGRES, "postgres", null);
                Statement s = c.createStatement(); ResultSet rows = s.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getInt(1);
        } catch (java.sql.SQLException notYet) {
            return 0; // the table is made by the app's init script when it starts
        }
    }
}
