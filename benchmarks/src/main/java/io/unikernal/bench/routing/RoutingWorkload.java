package io.unikernal.bench.routing;

import io.unikernal.routing.MessageBatch;
import io.unikernal.routing.RoutingMessage;
import io.unikernal.routing.RuleTable;
import io.unikernal.routing.RuleTableText;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The shared workload of the routing benchmarks: a seven-rule table mixing every condition kind and a
 * weighted fallback, and 1024 distinct order-like messages (~150-byte JSON bodies, four headers).
 */
final class RoutingWorkload {
    static final int MESSAGES = 1024;

    static final String RULES = "when header.type == refund then refunds priority 10; "
            + "when header.type == order and body.amount in 1000..1e12 then review priority 5; "
            + "when body.country in {DE, FR, IT, ES, NL, BE, AT} and header.type == order then eu-orders; "
            + "when header.path startsWith /api/v2/ and body.customer.tier == gold then vip; "
            + "when header.source glob \"*-mobile\" then mobile; "
            + "when body.status == cancelled then cancelled; "
            + "always then shard-a:3, shard-b:1 priority -1; weightKey header.id";

    static final String[] COUNTRIES = {"DE", "US", "FR", "JP", "BR", "IT", "GB", "NL"};
    static final String[] TIERS = {"gold", "silver", "bronze"};
    static final String[] STATUS = {"new", "paid", "cancelled", "shipped"};

    final RuleTable table = RuleTableText.parse(RULES);
    final Map<String, String>[] headers;
    final String[] bodies;
    final RoutingMessage[] messages;
    final MessageBatch batch;

    @SuppressWarnings("unchecked")
    RoutingWorkload() {
        Random r = new Random(20261123);
        headers = new Map[MESSAGES];
        bodies = new String[MESSAGES];
        messages = new RoutingMessage[MESSAGES];
        batch = new MessageBatch(MESSAGES, MESSAGES * 256);
        for (int i = 0; i < MESSAGES; i++) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("type", r.nextInt(10) == 0 ? "refund" : "order");
            h.put("path", r.nextBoolean() ? "/api/v2/orders" : "/api/v1/orders");
            h.put("source", r.nextInt(4) == 0 ? "shop-mobile" : "shop-web");
            h.put("id", "o-" + r.nextInt(1_000_000));
            String body = "{\"id\":\"" + h.get("id") + "\",\"amount\":" + (r.nextInt(200_000) / 100.0)
                    + ",\"country\":\"" + COUNTRIES[r.nextInt(COUNTRIES.length)] + "\",\"status\":\"" + STATUS[r.nextInt(STATUS.length)]
                    + "\",\"customer\":{\"id\":\"c-" + r.nextInt(10_000) + "\",\"tier\":\"" + TIERS[r.nextInt(TIERS.length)]
                    + "\"},\"items\":[{\"sku\":\"A-1\",\"qty\":2},{\"sku\":\"B-7\",\"qty\":1}]}";
            headers[i] = h;
            bodies[i] = body;
            messages[i] = RoutingMessage.of(h, body.getBytes(StandardCharsets.UTF_8));
            batch.add(messages[i]);
        }
    }
}
