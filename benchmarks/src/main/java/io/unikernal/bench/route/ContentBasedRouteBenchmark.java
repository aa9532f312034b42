package io.unikernal.bench.route;

import io.unikernal.plugins.Adapters;
import io.unikernal.compile.CompileOptions;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
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
 * A content-based route two ways, in one run: compiled from UDL (the compiler's unmodified output, UDM
 * normalisation included, the {@code when} on the CEL fast path) and hand-written in Camel's Java DSL with a Java
 * predicate — the fastest plain-Camel equivalent. Both send to the same two log endpoints at TRACE (disabled), so
 * the cost measured is routing, not I/O. Half the messages go each way.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ContentBasedRouteBenchmark {

    static final String UDL = udl("");

    /** The same app with its choose decided by a routing engine (engine: rust | java). */
    static String udl(String engineLine) {
        return """
            udl: 8
            name: cbr
            systems:
              in:     {adapter: direct}
              review: {adapter: log, level: TRACE}
              accept: {adapter: log, level: TRACE}
            routes:
              - name: route-orders
                from: in
            %s
                steps:
                  - choose:
                      - when: "amount > 1000"
                        to: review
                      - otherwise:
                          - to: accept
            """.formatted(engineLine);
    }

    private UdlRuntime udl;
    private ProducerTemplate udlProducer;
    private UdlRuntime udlRust;
    private ProducerTemplate udlRustProducer;
    private UdlRuntime udlJava;
    private ProducerTemplate udlJavaProducer;
    private CamelContext handWritten;
    private ProducerTemplate handWrittenProducer;
    private org.apache.camel.main.Main handWrittenMain;
    private ProducerTemplate handWrittenMainProducer;
    private Map<String, Object>[] bodies;
    private int next;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() throws Exception {
        Adapters adapters = Adapters.installed();
        CompiledApp app = new UdlCompiler(adapters).compile(new UdlParser(adapters).parse("cbr.udl.yaml", UDL).orThrow(),
                Path.of("."), CompileOptions.DEFAULT);
        udl = UdlRuntime.start(app, Map.of());
        udlProducer = udl.context().createProducerTemplate();
        udlRust = UdlRuntime.start(compile(adapters, udl("    engine: rust")), Map.of());
        udlRustProducer = udlRust.context().createProducerTemplate();
        udlJava = UdlRuntime.start(compile(adapters, udl("    engine: java")), Map.of());
        udlJavaProducer = udlJava.context().createProducerTemplate();

        handWritten = new DefaultCamelContext();
        handWritten.addRoutes(handWrittenRoute());
        handWritten.start();
        handWrittenProducer = handWritten.createProducerTemplate();

        // the same hand-written route on Camel Main, the engine compiled UDL runs on: separates the cost of
        // Camel Main's defaults from the cost of the compiled route itself
        handWrittenMain = new org.apache.camel.main.Main();
        handWrittenMain.configure().addRoutesBuilder(handWrittenRoute());
        handWrittenMain.start();
        handWrittenMainProducer = handWrittenMain.getCamelContext().createProducerTemplate();

        bodies = new Map[1024];
        for (int i = 0; i < bodies.length; i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", "o-" + i);
            body.put("amount", (i % 2 == 0) ? 500L : 1500L);
            bodies[i] = body;
        }
    }

    private static CompiledApp compile(Adapters adapters, String text) {
        return new UdlCompiler(adapters).compile(new UdlParser(adapters).parse("cbr.udl.yaml", text).orThrow(),
                Path.of("."), CompileOptions.DEFAULT);
    }

    private static RouteBuilder handWrittenRoute() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("route-orders")
                        .choice()
                            .when(e -> ((Number) e.getMessage().getBody(Map.class).get("amount")).doubleValue() > 1000)
                                .to("log:unikernal.cbr.review?level=TRACE&showHeaders=false&showExchangePattern=false&showBodyType=false")
                            .otherwise()
                                .to("log:unikernal.cbr.accept?level=TRACE&showHeaders=false&showExchangePattern=false&showBodyType=false")
                        .end();
            }
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        udlProducer.close();
        udl.close();
        udlRustProducer.close();
        udlRust.close();
        udlJavaProducer.close();
        udlJava.close();
        handWrittenProducer.close();
        handWritten.close();
        handWrittenMainProducer.close();
        handWrittenMain.stop();
    }

    private Map<String, Object> nextBody() {
        next = (next + 1) & (bodies.length - 1);
        return bodies[next];
    }

    @Benchmark
    public void udlCompiled() {
        udlProducer.sendBody("direct:in", nextBody());
    }

    @Benchmark
    public void udlCompiledEngineRust() {
        udlRustProducer.sendBody("direct:in", nextBody());
    }

    @Benchmark
    public void udlCompiledEngineJava() {
        udlJavaProducer.sendBody("direct:in", nextBody());
    }

    @Benchmark
    public void handWrittenJavaDslOnCamelMain() {
        handWrittenMainProducer.sendBody("direct:in", nextBody());
    }

    @Benchmark
    public void handWrittenJavaDsl() {
        handWrittenProducer.sendBody("direct:in", nextBody());
    }
}
