package io.unikernal.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.compile.YamlEmitter;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.ParseResult;
import io.unikernal.udl.parse.UdlParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter's UDL: the worked example parses, checks and compiles with no problem; what a use declares becomes
 * the endpoint options of Camel's spring-rabbitmq (ack after the route, confirmed mandatory publishes, durable
 * declarations); mistakes are reported at their position with a fix.
 */
class RabbitMqUdlTest {

    private static final Adapters ADAPTERS = Adapters.installed();
    private static final String EXAMPLE = "META-INF/unikernal/examples/rabbitmq.udl.yaml";

    @TempDir
    Path tmp;

    private static String example() throws Exception {
        try (InputStream in = RabbitMqUdlTest.class.getClassLoader().getResourceAsStream(EXAMPLE)) {
            assertThat(in).as(EXAMPLE).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ParseResult parse(String udl) {
        return new UdlParser(ADAPTERS).parse("app.udl.yaml", udl);
    }

    @Test
    void theWorkedExampleHasNoProblemAndCompilesToYamlWithoutTheSecret() throws Exception {
        ParseResult parsed = parse(example());
        assertThat(parsed.problems()).as("problems of the example").isEmpty();
        Path out = tmp.resolve("out");
        YamlEmitter.write(new UdlCompiler(ADAPTERS).compile(parsed.orThrow(), tmp, CompileOptions.DEFAULT), out);
        String yaml;
        try (Stream<Path> files = Files.list(out)) {
            yaml = files.map(file -> {
                try {
                    return Files.readString(file);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
        assertThat(yaml).contains("spring-rabbitmq:orders.incoming?", "queues=RAW(orders.in)",
                "acknowledgeMode=AUTO", "disableReplyTo=true", "arg.queue.durable=true",
                "deadLetterExchange=RAW(orders.dlx)", "deadLetterQueue=RAW(orders.dlq)",
                "spring-rabbitmq:orders.validated?", "confirm=enabled", "confirmTimeout=5000",
                "autoDeclareProducer=true", RabbitMqComponent.class.getName(), "{{secret:RABBITMQ_PASSWORD}}");
    }

    @Test
    void aPublishNamesItsExchange() {
        assertThat(parse(app("{system: broker, queue: out}")).errors()).singleElement()
                .satisfies(error -> assertThat(error.code().tag()).isEqualTo("UDL-005"));
    }

    @Test
    void aPublishToTheDefaultExchangeMustNameItsQueue() {
        List<UdlError> errors = parse(app("{system: broker, exchange: default}")).errors();
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code().tag()).isEqualTo("RABBITMQ-001");
            assertThat(error.render()).contains("app.udl.yaml:9:40", "routes by queue name", "add queue: <name>");
        });
    }

    @Test
    void theDefaultExchangeRoutesByQueueName() {
        List<UdlError> errors = parse(app("{system: broker, exchange: default, queue: a, routingKey: b}")).errors();
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code().tag()).isEqualTo("RABBITMQ-002");
            assertThat(error.render()).contains("routingKey 'b' would not reach queue 'a'");
        });
    }

    @Test
    void aQueueNameThatWouldChangeTheUriIsRefusedAtItsPosition() {
        String udl = app("{system: broker, queue: \"in?autoDeclare=false\"}", "{system: broker, exchange: default, queue: out}");
        assertThat(parse(udl).errors()).singleElement().satisfies(error -> {
            assertThat(error.code().tag()).isEqualTo("UDL-036");
            assertThat(error.render()).contains("app.udl.yaml:7:", "queue");
        });
    }

    @Test
    void anExchangeTypeNeedsAnExchange() {
        String udl = app("{system: broker, queue: in, exchangeType: topic}", "{system: broker, exchange: default, queue: out}");
        assertThat(parse(udl).errors()).singleElement().extracting(UdlError::render).asString()
                .contains("exchangeType", "exchange");
    }

    private static String app(String to) {
        return app("{system: broker, queue: in}", to);
    }

    private static String app(String from, String to) {
        return """
                udl: 8
                name: app
                systems:
                  broker: {adapter: rabbitmq}
                routes:
                  - name: r
                    from: %s
                    steps:
                      - to: %s
                """.formatted(from, to);
    }
}
