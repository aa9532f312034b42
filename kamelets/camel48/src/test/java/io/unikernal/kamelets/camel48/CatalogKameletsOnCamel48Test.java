package io.unikernal.kamelets.camel48;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * Catalog Kamelets (timer source, transform action, log sink) run on Camel 4.8.0: camel-core, camel-kamelet and
 * camel-yaml-dsl of the 4.8 line that Camel K 2.10 uses (4.8.5, its default, has no camel-kamelet or camel-yaml-dsl
 * on Maven Central here; 4.8.0 has), with the Unikernal jars built against 4.14 on the class path.
 */
class CatalogKameletsOnCamel48Test {

    @Test
    void runsOnTheCamel48Line() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            assertThat(context.getVersion()).startsWith("4.8.");
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("pipe.camel.yaml", """
                    - route:
                        from:
                          uri: "kamelet:unikernal-timer-source?period=50&repeatCount=1"
                          steps:
                            - to: "kamelet:unikernal-transform-action?field=total&expression=2 * 21"
                            - to: "kamelet:unikernal-log-sink"
                            - to: "seda:camel48-out"
                    """));
            ConsumerTemplate consumer = context.createConsumerTemplate();
            // after a sink Kamelet the body is the UDM payload itself (a map), as on Camel 4.14
            assertThat(consumer.receiveBody("seda:camel48-out", 20_000)).isEqualTo(java.util.Map.of("total", 42L));
        }
    }
}
