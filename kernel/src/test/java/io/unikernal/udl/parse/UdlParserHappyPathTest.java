package io.unikernal.udl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.udl.TestAdapters;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.FieldDecl;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.model.TestDecl;
import io.unikernal.udl.model.UdlDocument;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UdlParserHappyPathTest {

    private static final Path ORDERS = Path.of("src/test/resources/udl/valid/orders.udl");

    @Test
    void parsesTheDesignExampleIntoTheModel() {
        ParseResult result = new UdlParser(TestAdapters.all()).parse(ORDERS);
        assertThat(result.problems()).isEmpty();
        UdlDocument doc = result.document();
        String f = ORDERS.toString();

        assertThat(doc.udl()).isEqualTo(8);
        assertThat(doc.name()).isEqualTo("orders");
        assertThat(doc.systems()).containsOnlyKeys("shop", "db", "events", "review");
        assertThat(doc.system("shop").adapter()).isEqualTo("http");
        assertThat(doc.system("shop").pos()).isEqualTo(new SourcePos(f, 4, 3));
        assertThat(doc.system("shop").adapterPos()).isEqualTo(new SourcePos(f, 4, 21));
        assertThat(doc.system("shop").option("port").value()).isEqualTo(8080L);
        assertThat(doc.system("shop").option("path").value()).isEqualTo("/orders");
        assertThat(doc.system("db").option("user").value()).isEqualTo("${env:PGUSER:postgres}");
        assertThat(doc.system("db").option("password").value()).isEqualTo("${secret:PGPASSWORD}");

        FieldDecl amount = doc.schemas().get("Order").fields().get("amount");
        assertThat(doc.schemas().get("Order").version()).isEqualTo(2);
        assertThat(doc.schemas().get("Order").fields()).containsOnlyKeys("id", "amount", "customer");
        assertThat(amount.type()).isEqualTo("decimal");
        assertThat(amount.min()).isEqualTo(BigDecimal.ZERO);
        assertThat(amount.pos()).isEqualTo(new SourcePos(f, 13, 7));
        assertThat(doc.schemas().get("Order").fields().get("id").required()).isTrue();
        assertThat(doc.schemas().get("Order").fields().get("customer").renamedFrom()).isEqualTo("customer_name");

        RouteDecl route = doc.route("ingest-order");
        assertThat(route.pos()).isEqualTo(new SourcePos(f, 16, 5));
        assertThat(route.description()).isEqualTo("Takes orders from the shop");
        assertThat(route.from().system()).isEqualTo("shop");
        assertThat(route.from().option("method").value()).isEqualTo("POST");
        assertThat(route.deadLetter().system()).isEqualTo("events");
        assertThat(route.steps()).hasSize(6);

        Step.Validate validate = (Step.Validate) route.steps().get(0);
        assertThat(validate.schema()).isEqualTo("Order");
        assertThat(validate.pos()).isEqualTo(new SourcePos(f, 20, 9));
        assertThat(validate.schemaPos()).isEqualTo(new SourcePos(f, 20, 19));

        Step.Transform transform = (Step.Transform) route.steps().get(1);
        assertThat(transform.set()).containsOnlyKeys("total");
        assertThat(transform.set().get("total").source()).isEqualTo("amount * 1.2");
        assertThat(transform.set().get("total").pos()).isEqualTo(new SourcePos(f, 21, 35));
        assertThat(transform.remove()).containsExactly("internal");
        assertThat(transform.rename()).isEqualTo(Map.of("cust", "customer2"));

        Step.Filter filter = (Step.Filter) route.steps().get(2);
        assertThat(filter.condition().source()).isEqualTo("amount > 0");
        assertThat(filter.condition().at(7)).isEqualTo(new SourcePos(f, 22, 25));

        Step.Choose choose = (Step.Choose) route.steps().get(3);
        assertThat(choose.whens()).hasSize(1);
        assertThat(choose.whens().get(0).condition().source()).isEqualTo("amount > 1000");
        assertThat(choose.whens().get(0).steps()).singleElement().isInstanceOfSatisfying(Step.To.class,
                to -> assertThat(to.targets()).extracting(EndpointRef::system).containsExactly("review"));
        assertThat(choose.otherwise()).singleElement().isInstanceOfSatisfying(Step.Log.class,
                log -> assertThat(log.message()).isEqualTo("small order ${body}"));

        Step.Split split = (Step.Split) route.steps().get(4);
        assertThat(split.by().source()).isEqualTo("[1, 2]");
        assertThat(split.steps()).singleElement().isInstanceOf(Step.To.class);

        Step.To fanOut = (Step.To) route.steps().get(5);
        assertThat(fanOut.parallel()).isTrue();
        assertThat(fanOut.targets()).extracting(EndpointRef::system).containsExactly("db", "events");

        assertThat(route.reply().status()).isEqualTo(201);
        assertThat(route.reply().body().source()).isEqualTo("{'id': id}");
        assertThat(route.reply().headers()).isEqualTo(Map.of("Location", "/orders"));

        TestDecl test = doc.tests().get(0);
        assertThat(test.name()).isEqualTo("big orders go to review");
        assertThat(test.route()).isEqualTo("ingest-order");
        assertThat(test.inputBody()).isEqualTo(Map.of("id", "a1", "amount", 2000L));
        assertThat(test.inputHeaders()).isEqualTo(Map.of("X-Tenant", "acme"));
        assertThat(test.expect().status()).isEqualTo(201);
        assertThat(test.expect().body()).isEqualTo(Map.of("id", "a1"));
        assertThat(test.expect().sent()).isEqualTo(Map.of("review", List.of(Map.of("id", "a1", "amount", 2000L))));
        assertThat(test.expect().deadLetter()).isFalse();
    }

    @Test
    void loadReturnsTheDocumentAndHandsOverWarnings() {
        String text = """
                udl: 8
                name: app
                systems:
                  db: {adapter: postgres, password: hunter2}
                  tick: {adapter: timer}
                routes:
                  - name: r
                    from: tick
                    steps: [{to: db}]
                """;
        ParseResult result = new UdlParser(TestAdapters.all()).allowingLiteralSecrets(true).parse("app.udl", text);
        assertThat(result.errors()).isEmpty();
        assertThat(result.orThrow().routes()).hasSize(1);
        assertThat(result.warnings()).extracting(e -> e.render()).containsExactly(
                "app.udl:4:37: warning: option 'password' of system 'db' holds a literal secret [UDL-033]"
                        + System.lineSeparator()
                        + "    hint: write ${secret:NAME} or ${env:NAME} so the value stays out of the file");
    }
}
