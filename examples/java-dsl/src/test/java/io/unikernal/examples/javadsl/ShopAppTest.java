package io.unikernal.examples.javadsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/**
 * The example as it runs: Camel Main reads application.properties, whose {@code camel.main.routesIncludePattern}
 * brings shop.udl in through Unikernal's routes loader, beside the Java routes.
 */
class ShopAppTest {

    @Test
    void camelMainLoadsShopUdlFromItsOwnSettingsBesideTheJavaRoutes() throws Exception {
        Main main = ShopApp.main();
        try {
            main.start();
            CamelContext context = main.getCamelContext();
            assertThat(context.getName()).isEqualTo("shop");
            assertThat(context.getRoute("price-order")).as("the UDL route, loaded by the routes loader").isNotNull();
            assertThat(context.getRoute("checkout")).as("the Java route").isNotNull();
            context.createProducerTemplate().sendBodyAndHeader("direct:checkout",
                    new java.util.LinkedHashMap<>(Map.of("id", "o-7", "customer", "Ada", "amount", 10)),
                    "X-Api-Key", "test");
            Exchange ledger = context.createConsumerTemplate().receive("seda:ledger", 10_000);
            assertThat(ledger).isNotNull();
            assertThat(ledger.getMessage().getBody(byte[].class)).startsWith((byte) 'U', (byte) 'D', (byte) 'M');
        } finally {
            main.stop();
        }
    }
}
