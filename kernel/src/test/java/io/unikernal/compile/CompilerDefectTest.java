package io.unikernal.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.unikernal.compile.context.DefaultCompileContext;
import io.unikernal.udl.TestAdapters;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CompilerDefectTest {

    @Test
    void anAdapterThatFailsIsReportedAsADefectNamingTheRouteAndItsPlace() {
        // the front-end test adapters declare but cannot build: compiling them is a defect of the adapter
        UdlDocument doc = new UdlParser(TestAdapters.all()).parse("app.udl", """
                udl: 8
                name: app
                systems:
                  shop: {adapter: http}
                  out: {adapter: log}
                routes:
                  - name: ingest
                    from: shop
                    steps: [{to: out}]
                """).orThrow();
        CompilerDefect defect = catchThrowableOfType(() -> new UdlCompiler(TestAdapters.all())
                .compile(doc, Path.of("."), CompileOptions.DEFAULT), CompilerDefect.class);
        assertThat(defect.where()).isEqualTo("route 'ingest' (app.udl:7:5)");
        assertThat(defect.getMessage()).isEqualTo("internal error while compiling route 'ingest' (app.udl:7:5)");
        assertThat(defect.getCause()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void uniqueNamesNeverRepeatANameAnotherHintGot() {
        DefaultCompileContext ctx = new DefaultCompileContext(null, Path.of("."), CompileOptions.DEFAULT.testMode(),
                TestAdapters.all());
        assertThat(ctx.uniqueName("fan-out-a")).isEqualTo("fan-out-a");
        assertThat(ctx.uniqueName("fan-out-a")).isEqualTo("fan-out-a-2");
        assertThat(ctx.uniqueName("fan-out-a-2")).isEqualTo("fan-out-a-2-2");
    }
}
