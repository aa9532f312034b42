package io.unikernal.etl.run;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.model.UdlDocument;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A UDL app started to run or inspect its pipelines by hand ({@code unikernal etl run}, {@code etl status}):
 * compiled as always, its beans (the systems' pools, the pipelines' runners and checkpoint stores) built, but no
 * route started — a schedule or a listener of the app must not fire while the operator works.
 */
public final class PipelineApp implements AutoCloseable {

    private final String name;
    private final UdlRuntime runtime;
    private final List<PipelineRunner> runners;

    private PipelineApp(String name, UdlRuntime runtime, List<PipelineRunner> runners) {
        this.name = name;
        this.runtime = runtime;
        this.runners = runners;
    }

    /** Starts the app of a parsed, valid document. */
    public static PipelineApp start(UdlDocument document, Path baseDir) throws Exception {
        CompiledApp app = new UdlCompiler(Adapters.installed()).compile(document, baseDir, CompileOptions.DEFAULT);
        UdlRuntime runtime = UdlRuntime.start(app, Map.of("camel.main.autoStartup", "false"));
        List<PipelineRunner> runners = runtime.context().getRegistry().findByType(PipelineRunner.class).stream()
                .sorted(Comparator.comparing(PipelineRunner::getPipeline)).toList();
        return new PipelineApp(document.name(), runtime, runners);
    }

    /**
     * Runs one pipeline to the end of its source. The routes its steps call (an enrich step's call of its system)
     * are started first; no other route of the app is.
     */
    public RunSummary run(String pipeline, Progress progress) {
        PipelineRunner runner = runner(pipeline);
        String helpers = "pipeline-" + pipeline + "-enrich-";
        for (org.apache.camel.Route route : runtime.context().getRoutes()) {
            if (route.getRouteId().startsWith(helpers)) {
                try {
                    runtime.context().getRouteController().startRoute(route.getRouteId());
                } catch (Exception e) {
                    throw new PipelineFailure("pipeline " + pipeline + ": route " + route.getRouteId()
                            + " its steps call cannot start");
                }
            }
        }
        return runner.run(progress);
    }

    /** The app's pipelines, by name. */
    public List<PipelineRunner> pipelines() {
        return runners;
    }

    public PipelineRunner runner(String pipeline) {
        return runners.stream().filter(r -> pipeline.equals(r.getPipeline())).findFirst()
                .orElseThrow(() -> new PipelineFailure("app " + name + " has no pipeline '" + pipeline
                        + "' (its pipelines: " + String.join(", ", runners.stream().map(PipelineRunner::getPipeline)
                                .toList()) + ")"));
    }

    @Override
    public void close() {
        runtime.close();
    }
}
