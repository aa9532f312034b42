package io.unikernal.examples.javadsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.dsl.app.UdlApp;
import io.unikernal.runtime.policy.PolicyRejectedException;
import io.unikernal.udm.UdmBinaryCodec;
import io.unikernal.udm.UdmMessage;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/** The example's hand-written routes and its UDL file in one CamelContext, tested the way Camel users test. */
class ShopRoutesTest extends CamelTestSupport {

    private static final String API_KEY = "test"; // its SHA-256 is ShopRoutes.WEB_SHOP_KEY_SHA256

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        UdlApp shop = UdlApp.loadResource("shop.udl");
        return new RoutesBuilder[] {new ShopRoutes(shop.schema("Order")), shop.routes()};
    }

    private Exchange checkout(Map<String, Object> order, String key) {
        return template.request("direct:checkout", e -> {
            e.getMessage().setBody(new java.util.LinkedHashMap<>(order));
            if (key != null) {
                e.getMessage().setHeader("X-Api-Key", key);
            }
        });
    }

    @Test
    void anOldStyleOrderIsMigratedPricedAndLeavesAsBinaryUdm() {
        Exchange reply = checkout(Map.of("id", "o-1", "customer_name", "Ada", "amount", 100), API_KEY);
        assertThat(reply.getException()).isNull();
        Exchange ledger = consumer.receive("seda:ledger", 10_000);
        assertThat(ledger).as("an accepted order on the ledger").isNotNull();
        UdmMessage written = new UdmBinaryCodec().decode(ledger.getMessage().getBody(byte[].class));
        assertThat(written.schema()).isEqualTo("Order");
        assertThat(written.bodyAsMap()).containsEntry("customer", "Ada").containsEntry("id", "o-1");
        assertThat(new BigDecimal(written.bodyAsMap().get("total").toString())).isEqualByComparingTo("120");
    }

    @Test
    void aLargeOrderGoesToReview() {
        checkout(Map.of("id", "o-2", "customer", "Grace", "amount", 5000), API_KEY);
        Exchange review = consumer.receive("seda:review", 10_000);
        assertThat(review).isNotNull();
        assertThat(review.getMessage().getBody(Map.class)).containsEntry("id", "o-2");
    }

    @Test
    void aCheckoutWithoutTheApiKeyIsRefused() {
        Exchange reply = checkout(Map.of("id", "o-3", "customer", "Lin", "amount", 1), null);
        assertThat(reply.getException()).isInstanceOf(PolicyRejectedException.class);
        assertThat(((PolicyRejectedException) reply.getException()).status()).isEqualTo(401);
    }

    @Test
    void anInvalidOrderStopsInTheUdlRouteAndIsNeverPriced() throws Exception {
        // a one-way (direct) source: the UDL route dead-letters the message (here: logs it, no deadLetter is set)
        // and the hand-written caller goes on; the order never reaches pricing or a queue
        org.apache.camel.builder.NotifyBuilder priced = new org.apache.camel.builder.NotifyBuilder(context)
                .wereSentTo("seda:*").whenDone(1).create();
        Exchange reply = checkout(Map.of("id", "o 4!", "amount", -5), API_KEY);
        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getBody(Map.class)).doesNotContainKey("total");
        assertThat(priced.matches()).as("nothing sent to accepted or review (the UDL route's only seda targets)").isFalse();
    }

    @Test
    void aQuoteTakesTheFirstPriceThatCameBack() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> quote = template.requestBody("direct:quote", "q-1", Map.class);
        assertThat(quote.get("replies")).containsEntry("fast", "fast:q-1");
    }
}
