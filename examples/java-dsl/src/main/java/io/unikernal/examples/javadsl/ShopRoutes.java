package io.unikernal.examples.javadsl;

import io.unikernal.dsl.policy.Policy;
import io.unikernal.dsl.policy.PolicyRoutes;
import io.unikernal.dsl.routing.FanOut;
import io.unikernal.dsl.udm.SchemaProcessors;
import io.unikernal.dsl.udm.UdmDataFormat;
import io.unikernal.udm.schema.UdmSchema;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;

/**
 * The hand-written half of the example: an ordinary Camel RouteBuilder that uses Unikernal pieces. Checkout is guarded
 * by one reusable policy (API key, rate limit), brings old orders up to the schema the UDL file declares, and hands
 * them to the UDL route on {@code direct:orders}; accepted orders leave as binary UDM; a quote asks two pricing routes
 * at once and takes the first answer.
 */
public final class ShopRoutes extends RouteBuilder {

    /** SHA-256 of the web shop's API key (the key itself is never written down). */
    static final String WEB_SHOP_KEY_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static final Policy CHECKOUT_POLICY = Policy.custom()
            .apiKey("web-shop", WEB_SHOP_KEY_SHA256)
            .rateLimit(50, Duration.ofSeconds(1))
            .build();

    private final UdmSchema order;

    /** {@code order}: the Order schema of shop.udl ({@code UdlApp.schema("Order")}). */
    public ShopRoutes(UdmSchema order) {
        this.order = order;
    }

    @Override
    public void configure() {
        PolicyRoutes checkout = CHECKOUT_POLICY.on(this, "checkout");
        checkout.from("direct:checkout", true)
                .process(SchemaProcessors.migrate(order))
                .to("direct:orders");

        from("seda:accepted").routeId("ledger")
                .marshal(UdmDataFormat.binary())
                .to("seda:ledger");

        FanOut.first().target("fast", "direct:price-fast").target("cheap", "direct:price-cheap")
                .appendTo(from("direct:quote").routeId("quote"), "quote");
        from("direct:price-fast").routeId("price-fast").setBody(simple("fast:${body}"));
        from("direct:price-cheap").routeId("price-cheap").throwException(new IllegalStateException("no price"));
    }
}
