package io.unikernal.dsl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.dsl.app.UdlAppException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain Camel Main, configured only with Camel's own {@code camel.main.routesIncludePattern}, loads {@code .udl} and
 * {@code .udl.yaml} files beside a {@code .camel.yaml} route: Camel finds the loader through the service files in
 * the Unikernal jar, nothing else is registered.
 */
class UdlFilesInCamelMainTest {

    @TempDir
    Path dir;

    @Test
    void camelMainRunsAUdlFileBesideAYamlRoute() throws Exception {
        Path udl = copy("orders.udl");
        Path yaml = copy("feed.camel.yaml");
        Main main = mainLoading("file:" + udl + ",file:" + yaml);
        try {
            main.start();
            CamelContext context = main.getCamelContext();
            assertThat(context.getRoute("take-order")).as("the UDL route").isNotNull();
            // a v1 order (customer_name) through the YAML route into the UDL route: migrated, validated, priced
            context.createProducerTemplate().sendBody("direct:feed",
                    Map.of("id", "o-1", "customer_name", "Ada", "amount", 100));
            context.createProducerTemplate().sendBody("direct:feed",
                    Map.of("id", "o-2", "customer", "Grace", "amount", 5000));
            ConsumerTemplate consumer = context.createConsumerTemplate();
            Exchange accepted = consumer.receive("seda:orders-accepted", 10_000);
            Exchange review = consumer.receive("seda:orders-review", 10_000);
            assertThat(accepted).isNotNull();
            assertThat(accepted.getMessage().getBody(Map.class)).containsEntry("customer", "Ada")
                    .containsKey("total");
            assertThat(review).isNotNull();
            assertThat(review.getMessage().getBody(Map.class)).containsEntry("id", "o-2");
        } finally {
            main.stop();
        }
    }

    @Test
    void aUdlYamlFileIsLoadedByTheSameLoader() throws Exception {
        Path udl = dir.resolve("orders.udl.yaml");
        Files.copy(resource("orders.udl"), udl);
        Main main = mainLoading("file:" + udl);
        try {
            main.start();
            assertThat(main.getCamelContext().getRoute("take-order")).isNotNull();
        } finally {
            main.stop();
        }
    }

    @Test
    void aUdlMistakeFailsTheStartWithFileLineAndColumn() throws Exception {
        Path udl = dir.resolve("broken.udl");
        Files.writeString(udl, """
                udl: 8
                name: broken
                systems:
                  incoming: {adapter: direct}
                routes:
                  - name: r
                    from: incomming
                    steps: [{log: "hi"}]
                """);
        Main main = mainLoading("file:" + udl);
        try {
            assertThatThrownBy(main::start).satisfies(failure -> {
                UdlAppException udlFailure = findCause(failure);
                assertThat(udlFailure).as("the UDL problems in the failure's causes: " + failure).isNotNull();
                // the form docs/ways-in/udl-in-camel.md shows
                assertThat(udlFailure.getMessage()).isEqualTo(udl + ":7:11: unknown system 'incomming' — did you"
                        + " mean 'incoming'? [UDL-012]" + System.lineSeparator() + "    hint: declared systems: incoming");
            });
        } finally {
            main.stop();
        }
    }

    private Main mainLoading(String pattern) {
        Main main = new Main();
        main.addInitialProperty("camel.main.routesIncludePattern", pattern);
        return main;
    }

    private static UdlAppException findCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UdlAppException udl) {
                return udl;
            }
        }
        return null;
    }

    private Path copy(String name) throws Exception {
        Path target = dir.resolve(name);
        Files.copy(resource(name), target);
        return target;
    }

    private static Path resource(String name) throws Exception {
        return Path.of(UdlFilesInCamelMainTest.class.getResource("/loader/" + name).toURI());
    }
}
