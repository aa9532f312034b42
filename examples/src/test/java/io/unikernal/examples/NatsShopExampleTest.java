package io.unikernal.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udl.testing.TwoWayRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/nats-shop against the machine's NATS with JetStream, in process and from the compiled YAML: price lookups
 * are answered by request/reply (an unknown item with the error and NATS' service-error headers); orders published to
 * the JetStream stream reach the accepted stream priced, invalid ones the rejects stream with the reason — every order
 * sent is in exactly one of the two, by id. The example's own file runs with its subjects, streams and durable
 * consumer renamed for this run only; the streams are deleted after.
 */
class NatsShopExampleTest {

    private static final String SERVER = "nats://127.0.0.1:4222";

    @TempDir
    Path tmp;

    private final String run = "uk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String streams = run.toUpperCase(Locale.ROOT) + "_";

    @AfterEach
    void deleteStreams() throws Exception {
        try (Connection nats = connect()) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            for (String stream : List.of("ORDERS", "ACCEPTED", "REJECTS")) {
                try {
                    jsm.deleteStream(streams + stream);
                } catch (JetStreamApiException notThere) {
                    // the app never got to create it
                }
            }
        }
    }

    @Test
    void pricesAreAnsweredAndEveryOrderIsAcceptedOrRejectedWithTheReason() throws Exception {
        Path udl = tmp.resolve("shop.udl.yaml");
        Files.writeString(udl, Files.readString(Path.of("nats-shop/shop.udl.yaml")).replace("shop.", run + ".")
                .replace("SHOP_", streams).replace("durable: shop-orders", "durable: " + run + "-orders")
                .replace("queueGroup: shop-pricing", "queueGroup: " + run).replace("name: nats-shop", "name: " + run));
        List<String> rounds = new ArrayList<>();
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(udl, Map.of(), tmp, app -> {
            String r = String.valueOf(rounds.size() + 1);
            rounds.add(r);
            List<Object> seen = new ArrayList<>();
            try (Connection nats = connect()) {
                Message plums = request(nats, "{\"sku\": \"plum\", \"quantity\": 2}");
                Map<String, Object> priced = new LinkedHashMap<>(json(plums));
                priced.put("total", number(priced.get("total")));
                seen.add(List.of(priced, String.valueOf(plums.getHeaders() == null ? null
                        : plums.getHeaders().getFirst("Nats-Service-Error-Code"))));
                Message kiwi = request(nats, "{\"sku\": \"kiwi\", \"quantity\": 1}");
                seen.add(List.of(kiwi.getHeaders().getFirst("Nats-Service-Error-Code"),
                        String.valueOf(json(kiwi).get("details")).contains("sku")));

                Map<String, String> orders = new LinkedHashMap<>();
                orders.put("a", "{\"id\": \"a-" + r + "\", \"sku\": \"apple\", \"quantity\": 3}");
                orders.put("b", "{\"id\": \"b-" + r + "\", \"sku\": \"pear\", \"quantity\": 0}");
                orders.put("c", "{\"id\": \"c-" + r + "\", \"sku\": \"kiwi\", \"quantity\": 1}");
                orders.put("d", "{\"id\": \"d-" + r + "\", \"sku\": \"pear\", \"quantity\": 5}");
                for (String order : orders.values()) {
                    // waits for the stream's acknowledgement: the order is stored before the test goes on
                    nats.jetStream().publish(run + ".orders.web", order.getBytes(StandardCharsets.UTF_8));
                }
                Map<String, Object> accepted = new LinkedHashMap<>();
                Map<String, String> rejected = new LinkedHashMap<>();
                Awaitility.await("every order accepted or rejected").atMost(Duration.ofSeconds(60)).until(() -> {
                    for (Map<String, Object> order : stream(nats, "ACCEPTED")) {
                        accepted.put(String.valueOf(order.get("id")), number(order.get("total")));
                    }
                    for (Map<String, Object> record : stream(nats, "REJECTS")) {
                        Map<?, ?> payload = StrictJson.read(String.valueOf(record.get("payload")), Map.class);
                        rejected.put(String.valueOf(payload.get("id")), record.get("reason") + " "
                                + record.get("details"));
                    }
                    return accepted.keySet().stream().filter(id -> id.endsWith("-" + r)).count()
                            + rejected.keySet().stream().filter(id -> id.endsWith("-" + r)).count() == orders.size();
                });
                TreeSet<String> out = new TreeSet<>();
                accepted.keySet().stream().filter(id -> id.endsWith("-" + r)).forEach(out::add);
                rejected.keySet().stream().filter(id -> id.endsWith("-" + r)).forEach(out::add);
                seen.add(out.stream().map(id -> id.replace("-" + r, "")).toList());
                seen.add(Map.of("a", accepted.get("a-" + r), "d", accepted.get("d-" + r)));
                seen.add(List.of(rejected.get("b-" + r).contains("quantity"), rejected.get("c-" + r).contains("sku")));
            }
            return seen;
        });
        assertThat(outcomes.inProcess()).containsExactly(
                List.of(Map.of("sku", "plum", "quantity", 2L, "total", 2.5), "null"),
                List.of("400", true),
                List.of("a", "b", "c", "d"),
                Map.of("a", 1.5, "d", 4.0),
                List.of(true, true));
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
    }

    /** A price request, sent again until the app's subscription takes it. */
    private Message request(Connection nats, String json) {
        return Awaitility.await("the price lookup answered").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> nats.request(run + ".prices", json.getBytes(StandardCharsets.UTF_8))
                        .get(10, TimeUnit.SECONDS), reply -> reply != null);
    }

    /** Every message the stream holds so far, as JSON (none while the app has not created it yet). */
    private List<Map<String, Object>> stream(Connection nats, String name) throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        JetStreamManagement jsm = nats.jetStreamManagement();
        try {
            long last = jsm.getStreamInfo(streams + name).getStreamState().getLastSequence();
            for (long seq = 1; seq <= last; seq++) {
                MessageInfo message = jsm.getMessage(streams + name, seq);
                all.add(json(message.getData()));
            }
        } catch (JetStreamApiException notYet) {
            return List.of();
        }
        return all;
    }

    /** JSON numbers as doubles (the reader gives decimals as BigDecimal). */
    private static Object number(Object value) {
        return value instanceof Number n ? n.doubleValue() : value;
    }

    private static Map<String, Object> json(Message message) {
        return json(message.getData());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(byte[] data) {
        return StrictJson.read(new String(data, StandardCharsets.UTF_8), Map.class);
    }

    private static Connection connect() throws IOException, InterruptedException {
        return Nats.connect(new Options.Builder().server(SERVER).reportNoResponders().build());
    }
}
