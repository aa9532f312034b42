package io.unikernal.rust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.routing.RuleTable;
import io.unikernal.routing.RuleTableText;
import io.unikernal.routing.exec.ValidationSchema;
import io.unikernal.routing.exec.ValueType;
import io.unikernal.rust.component.RustConstants;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rust: component in a real CamelContext, found through its service file. */
class RustComponentTest {
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        camel = new DefaultCamelContext();
        RuleTable table = RuleTable.builder().rule(r -> r.when(io.unikernal.routing.Condition.prefix(
                io.unikernal.routing.FieldRef.header("path"), "/admin")).to("admin")).defaultTarget("public").build();
        camel.getRegistry().bind("adminTable", table);
        camel.getRegistry().bind("orderSchema", ValidationSchema.builder()
                .field("id", ValueType.INTEGER, true).field("amount", ValueType.NUMBER, true, 0, 1e6, -1).build());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                String rules = "RAW(when header.type == order and body.amount in 1000..1e12 then review; "
                        + "when header.type == order then orders; otherwise rest)";
                from("direct:rust").to("rust:route?engine=rust&rules=" + rules);
                from("direct:java").to("rust:route?engine=java&rules=" + rules);
                from("direct:auto").to("rust:route?rules=" + rules);
                from("direct:bean").to("rust:route?ruleTable=#adminTable&engine=rust");
                from("direct:dispatch").to("rust:route?engine=rust&rules=" + rules).toD("direct:${header." + RustConstants.ROUTE_TARGET + "}");
                from("direct:review").setBody(constant("reviewed"));
                from("direct:orders").setBody(constant("ordered"));
                from("direct:rest").setBody(constant("rested"));
                from("direct:partition").to("rust:parallel?task=partition&key=header.id&partitions=12&engine=rust");
                from("direct:project").to("rust:parallel?task=project&fields=id,customer.name&engine=rust&threads=2");
                from("direct:validate").to("rust:parallel?task=validate&schema=#orderSchema&engine=rust");
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    private static Exchange send(String endpoint, Object body, Map<String, Object> headers) {
        return template.send(endpoint, ex -> {
            ex.getMessage().setBody(body);
            ex.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
    }

    @Test
    void routeDecisionsAreTheSameInEveryEngine() {
        for (String e : List.of("direct:rust", "direct:java", "direct:auto")) {
            Exchange big = send(e, "{\"amount\": 5000}", Map.of("type", "order"));
            assertThat(big.getMessage().getHeader(RustConstants.ROUTE_TARGET)).as(e).isEqualTo("review");
            assertThat(send(e, Map.of("amount", 10), Map.of("type", "order")).getMessage().getHeader(RustConstants.ROUTE_TARGET)).isEqualTo("orders");
            assertThat(send(e, "{}", Map.of("type", 7)).getMessage().getHeader(RustConstants.ROUTE_INDEX)).isEqualTo(2);
        }
        assertThat(send("direct:rust", "{}", Map.of()).getMessage().getHeader(RustConstants.ENGINE)).isEqualTo("rust");
        assertThat(send("direct:java", "{}", Map.of()).getMessage().getHeader(RustConstants.ENGINE)).isEqualTo("java");
    }

    @Test
    void autoUsesTheMeasuredPreferencePerWorkload() {
        String single = send("direct:auto", "{}", Map.of()).getMessage().getHeader(RustConstants.ENGINE, String.class);
        String batch = send("direct:auto", List.of("{}", "{}"), Map.of()).getMessage().getHeader(RustConstants.ENGINE, String.class);
        assertThat(single).isEqualTo(io.unikernal.routing.RoutingEngines.select("auto", io.unikernal.routing.Workload.SINGLE).name());
        assertThat(batch).isEqualTo(io.unikernal.routing.RoutingEngines.select("auto", io.unikernal.routing.Workload.BATCH).name());
    }

    @Test
    void aListBodyIsDecidedAsOneBatch() {
        Exchange ex = send("direct:rust", List.of("{\"amount\":1}", "{\"amount\":2000}"), Map.of("type", "order"));
        assertThat(ex.getMessage().getHeader(RustConstants.ROUTE_TARGETS)).isEqualTo(List.of("orders", "review"));
    }

    @Test
    void aTableBeanAndDispatchOnTheChosenTarget() {
        assertThat(send("direct:bean", "", Map.of("path", "/admin/x")).getMessage().getHeader(RustConstants.ROUTE_TARGET)).isEqualTo("admin");
        assertThat(send("direct:dispatch", "{\"amount\":2000}", Map.of("type", "order")).getMessage().getBody()).isEqualTo("reviewed");
        assertThat(send("direct:dispatch", "{}", Map.of()).getMessage().getBody()).isEqualTo("rested");
    }

    @Test
    void aMalformedBodyFailsTheExchange() {
        assertThatThrownBy(() -> template.sendBodyAndHeader("direct:rust", "{not json", "type", "order"))
                .isInstanceOf(CamelExecutionException.class).hasRootCauseMessage("message body is not a JSON object");
    }

    @Test
    void parallelTasks() {
        Exchange p = send("direct:partition", List.of("{}", "{}"), Map.of("id", "order-42"));
        int expected = org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey("order-42".getBytes(), 12);
        assertThat(p.getMessage().getHeader(RustConstants.PARTITION)).isEqualTo(List.of(expected, expected));
        Exchange proj = send("direct:project", "{\"id\":7,\"customer\":{\"name\":\"Ann\",\"vip\":true},\"x\":1}", Map.of());
        assertThat(proj.getMessage().getBody()).isEqualTo("{\"id\":7,\"customer.name\":\"Ann\"}");
        Exchange v = send("direct:validate", List.of("{\"id\":1,\"amount\":5}", "{\"id\":1.5,\"amount\":5}", "{\"id\":1}"), Map.of());
        assertThat(v.getMessage().getHeader(RustConstants.VALIDATION)).isEqualTo(List.of(0, 8 + ValidationSchema.WRONG_TYPE, 16 + ValidationSchema.MISSING));
    }

    @Test
    void badOptionsAreReportedWhenTheRouteStarts() {
        assertThatThrownBy(() -> camel.getEndpoint("rust:route?engine=cobol&rules=RAW(always then a)"))
                .hasRootCauseMessage("engine 'cobol' must be rust, java or auto");
        assertThatThrownBy(() -> camel.getEndpoint("rust:sideways")).hasRootCauseMessage("unknown rust: kind 'sideways'; expected route or parallel");
        assertThatThrownBy(() -> RuleTableText.parse("when header.a === b then x")).hasMessageContaining("unknown operator '==='");
    }
}
