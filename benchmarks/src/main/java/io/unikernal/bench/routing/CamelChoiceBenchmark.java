package io.unikernal.bench.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The baseline: the same seven decisions as a hand-written Camel {@code choice()} with Java
 * predicates, the fastest plain-Camel form. It is given the body already parsed into a Map (the
 * engines parse JSON bytes themselves), and its last branch is a fixed target (Camel has no
 * hash-weighted choice). Each call routes one exchange through a direct: route.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CamelChoiceBenchmark {
    private static final Set<String> EU = Set.of("DE", "FR", "IT", "ES", "NL", "BE", "AT");

    private CamelContext camel;
    private Producer producer;
    private Exchange[] exchanges;
    private int next;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() throws Exception {
        RoutingWorkload work = new RoutingWorkload();
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:choice").choice()
                        .when(e -> "refund".equals(e.getMessage().getHeader("type"))).setHeader("target", constant("refunds"))
                        .when(e -> "order".equals(e.getMessage().getHeader("type")) && amount(e) >= 1000 && amount(e) <= 1e12)
                            .setHeader("target", constant("review"))
                        .when(e -> EU.contains(bodyOf(e).get("country")) && "order".equals(e.getMessage().getHeader("type")))
                            .setHeader("target", constant("eu-orders"))
                        .when(e -> e.getMessage().getHeader("path", String.class).startsWith("/api/v2/")
                                && "gold".equals(((Map<String, Object>) bodyOf(e).get("customer")).get("tier")))
                            .setHeader("target", constant("vip"))
                        .when(e -> e.getMessage().getHeader("source", String.class).endsWith("-mobile")).setHeader("target", constant("mobile"))
                        .when(e -> "cancelled".equals(bodyOf(e).get("status"))).setHeader("target", constant("cancelled"))
                        .otherwise().setHeader("target", constant("shard-a"))
                        .end();
            }
        });
        camel.start();
        producer = camel.getEndpoint("direct:choice").createProducer();
        producer.start();
        ObjectMapper json = new ObjectMapper();
        exchanges = new Exchange[RoutingWorkload.MESSAGES];
        for (int i = 0; i < exchanges.length; i++) {
            Exchange ex = new DefaultExchange(camel);
            ex.getMessage().setHeaders(new java.util.HashMap<>(work.headers[i]));
            ex.getMessage().setBody(json.readValue(work.bodies[i], Map.class));
            exchanges[i] = ex;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> bodyOf(Exchange e) {
        return e.getMessage().getBody(Map.class);
    }

    private static double amount(Exchange e) {
        return ((Number) bodyOf(e).get("amount")).doubleValue();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        producer.stop();
        camel.stop();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    public Object single() throws Exception {
        Exchange ex = exchanges[next++ & (RoutingWorkload.MESSAGES - 1)];
        producer.process(ex);
        return ex.getMessage().getHeader("target");
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Object singleLatency() throws Exception {
        Exchange ex = exchanges[next++ & (RoutingWorkload.MESSAGES - 1)];
        producer.process(ex);
        return ex.getMessage().getHeader("target");
    }
}
