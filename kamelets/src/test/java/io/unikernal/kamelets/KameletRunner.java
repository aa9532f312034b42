package io.unikernal.kamelets;

import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * One CamelContext that runs catalog Kamelets as Camel K and Camel JBang do: camel-kamelet resolves
 * {@code kamelet:NAME} from {@code classpath:kamelets/NAME.kamelet.yaml} (this module's jar) and camel-yaml-dsl
 * reads it and the routes that use it. Routes are added as YAML text, each case with its own unique names.
 */
final class KameletRunner implements AutoCloseable {

    final CamelContext context = new DefaultCamelContext();
    final ProducerTemplate producer;
    final ConsumerTemplate consumer;

    KameletRunner() {
        context.start();
        producer = context.createProducerTemplate();
        consumer = context.createConsumerTemplate();
    }

    /** Adds the routes of a YAML DSL text (a list of route / pipe / kamelet documents). */
    void load(String yaml) throws Exception {
        Resource resource = ResourceHelper.fromString("case-" + UUID.randomUUID() + ".camel.yaml", yaml);
        PluginHelper.getRoutesLoader(context).loadRoutes(resource);
    }

    /** Adds a Kamelet as Camel reads a {@code <name>.kamelet.yaml} file. */
    void loadKamelet(Kamelet kamelet) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(kamelet.fileName(),
                kamelet.toYaml()));
    }

    /** A YAML route from {@code from} through each {@code to} in turn. */
    static String route(String from, String... to) {
        StringBuilder yaml = new StringBuilder("- route:\n    from:\n      uri: \"" + from + "\"\n      steps:\n");
        for (String uri : to) {
            yaml.append("        - to: \"").append(uri).append("\"\n");
        }
        return yaml.toString();
    }

    String receive(String uri) {
        return consumer.receiveBody(uri, 20_000, String.class);
    }

    @Override
    public void close() {
        context.stop();
    }
}
