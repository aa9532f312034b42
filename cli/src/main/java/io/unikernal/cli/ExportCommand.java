package io.unikernal.cli;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.compile.YamlEmitter;
import io.unikernal.kamelets.Kamelet;
import io.unikernal.kamelets.KameletExporter;
import io.unikernal.kamelets.Manifests;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.udl.model.UdlDocument;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code unikernal export --kamelet | --pipe | --camel-k FILE.udl -o DIR}: Kamelets and Camel K manifests. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a UDL app for Camel K and Camel JBang (docs/ways-in/kamelets.md).",
                "--kamelet: one <name>.kamelet.yaml per route; --pipe: the Kamelets plus a Pipe chaining them in"
                        + " route order; --camel-k: an Integration running the compiled routes. Properties and"
                        + " secrets are referenced (ConfigMap <app>-config, Secret <app>-secrets), never written."})
final class ExportCommand implements Callable<Integer> {

    static final class Kind {
        @Option(names = "--kamelet", required = true, description = "Write Kamelets.")
        boolean kamelet;
        @Option(names = "--pipe", required = true, description = "Write Kamelets and a Pipe.")
        boolean pipe;
        @Option(names = "--camel-k", required = true, description = "Write an Integration.")
        boolean camelK;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Kind kind;

    @Parameters(index = "0", paramLabel = "FILE", description = "The UDL file.")
    Path file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output folder.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Adapters adapters = Adapters.installed();
        UdlDocument doc = UdlFiles.load(file, adapters, spec.commandLine().getErr(), false);
        if (doc == null) {
            return 1;
        }
        CompiledApp app = new UdlCompiler(adapters).compile(doc, UdlFiles.baseDir(file), CompileOptions.DEFAULT);
        Files.createDirectories(output);
        PrintWriter out = spec.commandLine().getOut();
        String name = KameletExporter.kubernetesName(doc.name());
        KameletExporter exporter = new KameletExporter(adapters);
        if (kind.camelK) {
            Map<String, Object> integration = Manifests.integration(name, YamlEmitter.routesYaml(app),
                    exporter.dependencies(doc), name + "-config", name + "-secrets");
            write(output.resolve(name + ".integration.yaml"), Manifests.toYaml(integration), out);
            return 0;
        }
        List<Kamelet> kamelets = exporter.export(doc, app);
        for (Kamelet k : kamelets) {
            write(output.resolve(k.fileName()), k.toYaml(), out);
        }
        if (kind.pipe) {
            if (kamelets.size() < 2) {
                spec.commandLine().getErr().println("error: a Pipe needs a source and a sink: the app has "
                        + kamelets.size() + " route(s); write one route per Kamelet (see docs/ways-in/kamelets.md)");
                return 1;
            }
            Kamelet first = kamelets.get(0);
            Kamelet last = kamelets.get(kamelets.size() - 1);
            List<Manifests.Step> actions = kamelets.subList(1, kamelets.size() - 1).stream()
                    .map(k -> new Manifests.Step(k.name(), Manifests.fromPlaceholders(k))).toList();
            Map<String, Object> pipe = Manifests.pipe(name, new Manifests.Step(first.name(),
                    Manifests.fromPlaceholders(first)), actions, new Manifests.Step(last.name(),
                    Manifests.fromPlaceholders(last)), name + "-config", name + "-secrets");
            write(output.resolve(name + ".pipe.yaml"), Manifests.toYaml(pipe), out);
        }
        return 0;
    }

    private static void write(Path path, String text, PrintWriter out) throws IOException {
        Files.writeString(path, text);
        out.println("wrote " + path);
    }
}
