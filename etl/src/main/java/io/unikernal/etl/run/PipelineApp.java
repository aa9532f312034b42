package io.unikernal.etl.run;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.model.UdlDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A UDL app started to run one pipeline by hand ({@code unikernal etl run}): compiled as always, its beans (the
 * systems' pools, the pipelines' runners and checkpoint stores) built, but no route started — a schedule or a
 * listener of the app must not fire while the operator runs the pipeline.
 */
public final class PipelineApp implements AutoCloseable {

    private final UdlRuntime runtime;
    private final PipelineRunner runner;

    private PipelineApp(UdlRuntime runtime, PipelineRunner runner) {
        this.runtime = runtime;
        this.runner = runner;
    }

    /** Starts the app of a parsed, valid document; the pipeline must be one of its pipelines. */
    public static PipelineApp start(UdlDocument document, Path baseDir, String pipeline) throws Exception {
        CompiledApp app = new UdlCompiler(Adapters.installed()).compile(document, baseDir, CompileOptions.DEFAULT);
        UdlRuntime runtime = UdlRuntime.start(app, Map.of("camel.main.autoStartup", "false"));
        try {
            List<PipelineRunner> runners = List.copyOf(runtime.context().getRegistry()
                    .findByType(PipelineRunner.class));
            PipelineRunner runner = runners.stream().filter(r -> pipeline.equals(r.getPipeline())).findFirst()
                    .orElseThrow(() -> new PipelineFailure("app " + document.name() + " has no pipeline '"
                            + pipeline + "' (its pipelines: " + String.join(", ", runners.stream()
                                    .map(PipelineRunner::getPipeline).sorted().toList()) + ")"));
            return new PipelineApp(runtime, runner);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    public RunSummary run(Progress progress) {
        return runner.run(progress);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
