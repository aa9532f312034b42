package io.unikernal.translate.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bridge's checks at their file:line:col: its own, and the adapters' checks of its uses of their systems. */
class BridgeChecksTest {

    private static final String SYSTEMS = "udl: 8\nname: t\nsystems:\n"
            + "  events: {adapter: kafka, brokers: \"127.0.0.1:9092\", topic: orders}\n"
            + "  mq: {adapter: rabbitmq}\n";

    private static List<String> problems(String expose, String target) {
        String udl = SYSTEMS + "translations:\n  - name: b1\n    expose: " + expose + "\n    target: " + target + "\n";
        return new UdlParser(Adapters.installed()).parse("app.udl", udl).problems().stream().map(UdlError::render)
                .toList();
    }

    @Test
    void bothDirectionsAsDocumentedHaveNoProblems() {
        assertThat(problems("{system: events, protocol: kafka}", "{system: mq, exchange: orders, routingKey: k,"
                + " queue: orders.in}")).isEmpty();
        assertThat(problems("{system: mq, protocol: amqp, queue: orders.out}", "{system: events}")).isEmpty();
    }

    @Test
    void aBridgeExposedOnAnotherAdaptersSystemIsRefused() {
        assertThat(problems("{system: mq, protocol: kafka}", "{system: mq, exchange: orders}"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:8:").contains("cannot expose kafka")
                        .contains("[TRANSLATE-004]"));
    }

    @Test
    void theAdaptersCheckTheBridgesUsesOfTheirSystems() {
        assertThat(problems("{system: events, protocol: kafka}", "{system: mq, routingKey: k}"))
                .as("a rabbitmq target names its exchange")
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:9:").contains("exchange"));
        assertThat(problems("{system: mq, protocol: amqp}", "{system: events}")).as("a rabbitmq source, its queue")
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:8:").contains("queue"));
    }

    @Test
    void aBridgeCarriesNoHeaderTheKernelOrTheProtocolOwns() {
        String udl = SYSTEMS + "translations:\n  - name: b1\n    expose: {system: events, protocol: kafka}\n"
                + "    target: {system: mq, exchange: orders}\n    carryHeaders: [tenant, UdmCaller, X-Correlation-Id,"
                + " \"bad name\"]\n";
        List<String> problems = new UdlParser(Adapters.installed()).parse("app.udl", udl).problems().stream()
                .map(UdlError::render).toList();
        assertThat(problems).filteredOn(p -> p.contains("[BRIDGE-001]")).hasSize(3)
                .allSatisfy(p -> assertThat(p).startsWith("app.udl:10:")).noneMatch(p -> p.contains("'tenant'"));
    }

    @Test
    void theRecordsKeyDoesNotChooseAQueueOnTheDefaultExchange() {
        assertThat(problems("{system: events, protocol: kafka}", "{system: mq, exchange: default, queue: q,"
                + " routingKeyFromKey: true}")).anySatisfy(p -> assertThat(p).startsWith("app.udl:9:")
                        .contains("[BRIDGE-002]").contains("choose the queue"));
        assertThat(problems("{system: events, protocol: kafka}", "{system: mq, exchange: orders,"
                + " routingKeyFromKey: true}")).isEmpty();
    }
}
