package io.unikernal.udl.testing;

import io.unikernal.plugins.Adapters;
import io.unikernal.compile.CamelYamlSchema;
import io.unikernal.compile.CompileOptions;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.compile.YamlEmitter;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs one scenario against a UDL app twice — in process from the compiled model, then from the emitted YAML folder
 * under plain Camel Main — so a test can check that both give the same outcome. The emitted YAML must also conform
 * to Camel's YAML DSL schema.
 */
public final class TwoWayRun {

    /** What a test does with a running app; returns what it observed. */
    @FunctionalInterface
    public interface Scenario<T> {
        T run(UdlRuntime app) throws Exception;
    }

    /** The outcomes of the two runs. */
    public record Outcomes<T>(T inProcess, T emitted, Path emittedDir) {
    }

    private TwoWayRun() {
    }

    public static <T> Outcomes<T> run(Path udlFile, Map<String, String> overrides, Path workDir, Scenario<T> scenario)
            throws Exception {
        Adapters adapters = Adapters.installed();
        UdlDocument doc = new UdlParser(adapters).load(udlFile);
        return run(doc, udlFile.toAbsolutePath().getParent(), adapters, overrides, workDir, scenario);
    }

    public static <T> Outcomes<T> run(String fileName, String udl, Map<String, String> overrides, Path workDir,
            Scenario<T> scenario) throws Exception {
        return run(fileName, udl, Adapters.installed(), overrides, workDir, scenario);
    }

    /** The same with these adapters, e.g. the installed ones plus a test's own. */
    public static <T> Outcomes<T> run(String fileName, String udl, Adapters adapters, Map<String, String> overrides,
            Path workDir, Scenario<T> scenario) throws Exception {
        UdlDocument doc = new UdlParser(adapters).parse(fileName, udl).orThrow();
        return run(doc, workDir, adapters, overrides, workDir, scenario);
    }

    private static <T> Outcomes<T> run(UdlDocument doc, Path baseDir, Adapters adapters, Map<String, String> overrides,
            Path workDir, Scenario<T> scenario) throws Exception {
        CompiledApp app = new UdlCompiler(adapters).compile(doc, baseDir, CompileOptions.DEFAULT);
        // written before the in-process run: starting routes applies their route configurations to the model
        Path dir = Files.createDirectories(workDir.resolve("emitted-" + doc.name()));
        YamlEmitter.write(app, dir);
        List<String> violations = CamelYamlSchema.violations(
                Files.readString(dir.resolve(YamlEmitter.routesFileName(doc.name()))));
        if (!violations.isEmpty()) {
            throw new AssertionError("the emitted YAML does not conform to camelYamlDsl.json: " + violations);
        }
        T inProcess;
        try (UdlRuntime runtime = UdlRuntime.start(app, overrides)) {
            inProcess = scenario.run(runtime);
        }
        T emitted;
        try (UdlRuntime runtime = UdlRuntime.startEmitted(dir, overrides)) {
            emitted = scenario.run(runtime);
        }
        return new Outcomes<>(inProcess, emitted, dir);
    }
}
