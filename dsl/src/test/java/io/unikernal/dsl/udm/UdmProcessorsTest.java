package io.unikernal.dsl.udm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.dsl.app.UdlApp;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.udm.UdmHeaders;
import io.unikernal.udm.schema.UdmSchema;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The UDM pieces in hand-written routes: validation and migration by a UDL file's schema, JSON and binary UDM. */
class UdmProcessorsTest {

    private final CamelContext context = new DefaultCamelContext();
    private static final UdmSchema ORDER = UdlApp.load(resource("orders.udl")).schema("Order");

    @AfterEach
    void stop() {
        context.stop();
    }

    private ProducerTemplate start(RouteBuilder routes) throws Exception {
        context.addRoutes(routes);
        context.start();
        return context.createProducerTemplate();
    }

    @Test
    void validateMigratesAnOldMessageChecksItAndMarksItWithTheSchema() throws Exception {
        ProducerTemplate template = start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").process(SchemaProcessors.validate(ORDER));
            }
        });
        Exchange out = template.request("direct:in", e -> e.getMessage().setBody(
                new LinkedHashMap<>(Map.of("id", "o-1", "customer_name", "Ada", "amount", 12))));
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody(Map.class)).containsEntry("customer", "Ada")
                .containsEntry("amount", new BigDecimal("12")).doesNotContainKey("customer_name");
        assertThat(out.getMessage().getHeader(UdmHeaders.SCHEMA)).isEqualTo("Order");
        assertThat(out.getMessage().getHeader(UdmHeaders.SCHEMA_VERSION)).isEqualTo(2);
    }

    @Test
    void anInvalidMessageFailsWithEveryViolation() throws Exception {
        ProducerTemplate template = start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").process(SchemaProcessors.validate(ORDER));
            }
        });
        Exchange out = template.request("direct:in", e -> e.getMessage().setBody(Map.of("amount", -1)));
        assertThat(out.getException()).isInstanceOf(MessageRejectedException.class);
        assertThat(((MessageRejectedException) out.getException()).details()).hasSizeGreaterThanOrEqualTo(3)
                .anySatisfy(d -> assertThat(d).contains("id"))
                .anySatisfy(d -> assertThat(d).contains("customer"))
                .anySatisfy(d -> assertThat(d).contains("amount"));
    }

    @Test
    void migrateRenamesWithoutChecking() throws Exception {
        ProducerTemplate template = start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").process(SchemaProcessors.migrate(ORDER));
            }
        });
        Object body = template.requestBody("direct:in", Map.of("customer_name", "Ada"));
        assertThat(body).isEqualTo(Map.of("customer", "Ada"));
    }

    @Test
    void jsonToBinaryAndBackKeepsTheMessage() throws Exception {
        ProducerTemplate template = start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:to-binary").unmarshal(UdmDataFormat.json()).marshal(UdmDataFormat.binary());
                from("direct:to-json").unmarshal(UdmDataFormat.binary()).marshal(UdmDataFormat.json());
            }
        });
        String json = """
                {"udm": 8, "id": "c-1", "source": "shop", "schema": {"name": "Order", "version": 2},
                 "createdAt": "2026-12-07T10:00:00Z", "headers": {"tenant": "t1"}, "body": {"id": "o-1", "amount": 12.5}}""";
        byte[] binary = template.requestBody("direct:to-binary", json, byte[].class);
        assertThat(new String(binary, 0, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("UDM");
        String back = template.requestBody("direct:to-json", binary, String.class);
        assertThat(back).contains("\"id\":\"c-1\"").contains("\"source\":\"shop\"")
                .contains("\"schema\":{\"name\":\"Order\",\"version\":2}").contains("\"tenant\":\"t1\"")
                .contains("\"createdAt\":\"2026-12-07T10:00:00Z\"").contains("\"body\":{\"id\":\"o-1\",\"amount\":12.5}");
    }

    @Test
    void aMalformedBinaryMessageFailsWithoutEchoingIt() throws Exception {
        ProducerTemplate template = start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:to-json").unmarshal(UdmDataFormat.binary()).marshal(UdmDataFormat.json());
            }
        });
        assertThatThrownBy(() -> template.requestBody("direct:to-json", "not udm at all".getBytes()))
                .hasCauseInstanceOf(io.unikernal.udm.UdmCodecException.class)
                .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain("not udm at all"));
    }

    static Path resource(String name) {
        try {
            return Path.of(UdmProcessorsTest.class.getResource("/loader/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
