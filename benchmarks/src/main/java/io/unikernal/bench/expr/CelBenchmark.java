package io.unikernal.bench.expr;

import io.unikernal.expr.CelPredicates;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Predicate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One evaluation of {@code age > 18} through CEL, through the compiled fast path, and as a hand-written Java
 * predicate (the baseline); and {@code amount * 1.2} on an int through CEL vs hand-written Java.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CelBenchmark {
    private CamelContext camel;
    private Exchange exchange;
    private Predicate cel;
    private Predicate fast;
    private Expression multiply;
    private final Predicate handWritten = e -> {
        Object age = e.getMessage().getBody(Map.class).get("age");
        return age instanceof Long l && l > 18;
    };

    @Setup
    public void setup() {
        camel = new DefaultCamelContext();
        camel.start();
        Map<String, Object> body = new HashMap<>();
        body.put("age", 42L);
        body.put("amount", 1500L);
        body.put("name", "Ada");
        exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(body);
        cel = CelPredicates.compileCel("age > 18");
        fast = CelPredicates.compile("age > 18");
        multiply = CelPredicates.compileExpression("amount * 1.2");
        if (!CelPredicates.isFastPath("age > 18") || !cel.matches(exchange) || !fast.matches(exchange)) {
            throw new IllegalStateException("benchmark set-up is wrong");
        }
    }

    @TearDown
    public void tearDown() {
        camel.stop();
    }

    @Benchmark
    public boolean ageCel() {
        return cel.matches(exchange);
    }

    @Benchmark
    public boolean ageFastPath() {
        return fast.matches(exchange);
    }

    @Benchmark
    public boolean ageHandWritten() {
        return handWritten.matches(exchange);
    }

    @Benchmark
    public Object amountTimesCel() {
        return multiply.evaluate(exchange, Object.class);
    }

    @Benchmark
    public Object amountTimesHandWritten() {
        Object amount = exchange.getMessage().getBody(Map.class).get("amount");
        return ((Long) amount) * 1.2;
    }
}
