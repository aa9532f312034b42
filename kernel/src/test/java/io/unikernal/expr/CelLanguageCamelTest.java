package io.unikernal.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code cel} language inside real Camel routes, from the Java DSL and from YAML. */
class CelLanguageCamelTest {
    private final CamelContext camel = new DefaultCamelContext();
    private final List<Object> passed = Collections.synchronizedList(new ArrayList<>());
    private final List<Object> dead = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        camel.stop();
    }

    static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void languageIsFoundByName() {
        assertThat(camel.resolveLanguage("cel")).isInstanceOf(CelLanguage.class);
    }

    @Test
    void javaDslFilterTransformAndDeadLetter() throws Exception {
        camel.getRegistry().bind("passed", (org.apache.camel.Processor) e -> passed.add(e.getMessage().getBody()));
        camel.getRegistry().bind("dead", (org.apache.camel.Processor) e -> dead.add(
                e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage()));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("direct:dead"));
                from("direct:dead").process("dead");
                from("direct:in")
                        .filter().language("cel", "amount > 1000")
                        .setBody().language("cel", "{'id': id, 'total': amount * 1.2}")
                        .process("passed");
            }
        });
        camel.start();
        ProducerTemplate t = camel.createProducerTemplate();
        t.sendBody("direct:in", body("id", "a", "amount", 2000L));      // int * double
        t.sendBody("direct:in", body("id", "b", "amount", 1000.5));     // double vs int literal
        t.sendBody("direct:in", body("id", "c", "amount", 10L));        // filtered out
        t.sendBody("direct:in", body("id", "d"));                       // missing field -> dead letter
        assertThat(passed).containsExactly(body("id", "a", "total", 2400.0), body("id", "b", "total", 1200.6));
        assertThat(passed.get(0)).isInstanceOf(LinkedHashMap.class);
        assertThat(dead).containsExactly("cel 'amount > 1000': field 'amount' is missing from the message body");
    }

    @Test
    void yamlRoutesUseTheLanguage() throws Exception {
        camel.getRegistry().bind("passed", (org.apache.camel.Processor) e -> passed.add(e.getMessage().getBody()));
        Resource yaml = ResourceHelper.fromString("routes.yaml", """
                - route:
                    from:
                      uri: direct:yaml
                      steps:
                        - filter:
                            expression:
                              language:
                                language: cel
                                expression: "age > 18"
                            steps:
                              - setBody:
                                  expression:
                                    language:
                                      language: cel
                                      expression: "first_name + ' ' + last_name"
                              - process:
                                  ref: passed
                """);
        PluginHelper.getRoutesLoader(camel).loadRoutes(yaml);
        camel.start();
        ProducerTemplate t = camel.createProducerTemplate();
        t.sendBody("direct:yaml", body("first_name", "Ada", "last_name", "Lovelace", "age", 36L));
        t.sendBody("direct:yaml", body("first_name", "Tim", "last_name", "Young", "age", 12L));
        t.sendBody("direct:yaml", body("first_name", "Old", "last_name", "Enough", "age", 18.5));
        assertThat(passed).containsExactly("Ada Lovelace", "Old Enough");
    }
}
