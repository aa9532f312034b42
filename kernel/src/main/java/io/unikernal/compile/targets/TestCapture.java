package io.unikernal.compile.targets;

import io.unikernal.compile.context.DefaultCompileContext;
import io.unikernal.runtime.CaptureTarget;
import io.unikernal.udl.model.SystemDecl;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ProcessorDefinition;

/** Under {@code unikernal test} a target is not called: a {@link CaptureTarget} bean records what it would get. */
final class TestCapture {

    private TestCapture() {
    }

    static void capture(SystemDecl system, ProcessorDefinition<?> block, DefaultCompileContext ctx) {
        String capture = "capture-" + system.name();
        ctx.addBean(capture, CaptureTarget.class, List.of(system.name()), Map.of());
        block.process(capture);
    }
}
