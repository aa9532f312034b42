package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledRoutes;
import io.unikernal.udl.parse.UdlParser;
import io.unikernal.udl.testing.TestResult;
import io.unikernal.udl.testing.UdlTestRunner;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The Java route and the UDL app, tested together in camel-test-junit5's CamelContext. */
class GreetingTest extends CamelTestSupport {

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new GreetingRoute(), new CompiledRoutes(Application.compile(Application.UDL_FILE))};
    }

    @Test
    void theJavaRouteHandsANameToTheUdlRoute() {
        Map<?, ?> reply = template().requestBody("direct:hello", "Grace", Map.class);

        assertEquals("Hello, Grace!", reply.get("greeting"));
    }

    /** The UDL file's own tests: section, one JUnit test per case (what {@code unikernal test} runs). */
    @TestFactory
    Stream<DynamicTest> theUdlFilesTests() throws Exception {
        Adapters adapters = Adapters.installed();
        List<TestResult> results = new UdlTestRunner(adapters).run(new UdlParser(adapters).load(Application.UDL_FILE),
                Application.UDL_FILE.toAbsolutePath().getParent());
        assertFalse(results.isEmpty(), "the UDL file has tests");
        return results.stream().map(result -> DynamicTest.dynamicTest(result.name(),
                () -> assertTrue(result.passed(), result.pos() + ": " + String.join("; ", result.failures()))));
    }
}
