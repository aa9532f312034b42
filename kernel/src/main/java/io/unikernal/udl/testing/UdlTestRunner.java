package io.unikernal.udl.testing;

import io.unikernal.compile.CompileOptions;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CaptureTarget;
import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.TestDecl;
import io.unikernal.udl.model.UdlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Runs a UDL file's {@code tests:} (the {@code unikernal test} command), in the manner of Redpanda Connect's config
 * tests: each case sends its input into its route; every target is replaced by a capturing stand-in, so the case
 * checks the reply and exactly what each system would have received, without servers.
 */
public final class UdlTestRunner {

    private final Adapters adapters;

    public UdlTestRunner(Adapters adapters) {
        this.adapters = adapters;
    }

    public List<TestResult> run(UdlDocument doc, Path baseDir) throws Exception {
        CompiledApp app = new UdlCompiler(adapters).compile(doc, baseDir, CompileOptions.TEST);
        List<TestResult> results = new ArrayList<>();
        try (UdlRuntime runtime = UdlRuntime.start(app, Map.of("camel.server.enabled", "false"))) {
            CamelContext context = runtime.context();
            try (ProducerTemplate producer = context.createProducerTemplate()) {
                for (TestDecl test : doc.tests()) {
                    results.add(runOne(doc, test, context, producer));
                }
            }
        }
        return results;
    }

    private TestResult runOne(UdlDocument doc, TestDecl test, CamelContext context, ProducerTemplate producer) {
        context.getRegistry().findByType(CaptureTarget.class).forEach(CaptureTarget::clear);
        RouteDecl route = doc.route(test.route());
        Object input = StrictJson.read(StrictJson.write(test.inputBody()), Object.class);
        Exchange result = producer.request(CompileOptions.testSourceUri(test.route()), exchange -> {
            exchange.getMessage().setBody(input);
            test.inputHeaders().forEach(exchange.getMessage()::setHeader);
        });
        List<String> failures = new ArrayList<>();
        if (result.getException() != null) {
            failures.add("the route failed: " + result.getException());
        }
        TestDecl.Expectation expect = test.expect();
        if (expect == null) {
            return new TestResult(test.name(), test.pos(), failures);
        }
        if (expect.status() != null) {
            Integer status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (!expect.status().equals(status)) {
                failures.add("status: expected " + expect.status() + " but was " + status);
            }
        }
        if (expect.body() != null) {
            Object body = result.getMessage().getBody();
            if (body instanceof String || body instanceof byte[]) {
                body = StrictJson.read(body instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                        : (String) body, Object.class);
            }
            JsonComparison.differences(expect.body(), body).forEach(d -> failures.add("body " + d));
        }
        if (expect.sent() != null) {
            expect.sent().forEach((system, bodies) -> {
                List<Object> received = captured(context, system);
                JsonComparison.differences(bodies, received).forEach(d -> failures.add("sent to " + system + " " + d));
            });
        }
        if (expect.deadLetter() != null) {
            boolean dead = route.deadLetter() != null
                    ? !captured(context, route.deadLetter().system()).isEmpty()
                    : result.getProperty(Exchange.EXCEPTION_CAUGHT) != null;
            if (dead != expect.deadLetter()) {
                failures.add(expect.deadLetter() ? "expected the message in the dead-letter destination, it was not"
                        : "the message went to the dead-letter destination");
            }
        }
        return new TestResult(test.name(), test.pos(), failures);
    }

    private static List<Object> captured(CamelContext context, String system) {
        CaptureTarget capture = context.getRegistry().lookupByNameAndType("capture-" + system, CaptureTarget.class);
        return capture == null ? List.of() : capture.received();
    }
}
