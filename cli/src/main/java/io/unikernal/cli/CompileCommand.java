package io.unikernal.cli;

import io.unikernal.plugins.Adapters;
import io.unikernal.compile.CamelYamlSchema;
import io.unikernal.compile.CompileOptions;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.compile.YamlEmitter;
import io.unikernal.udl.model.UdlDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compile a UDL file into standard Camel YAML DSL routes plus application.properties.",
                "The output runs under plain Camel Main or Camel JBang with the Unikernal jars on the class path."})
final class CompileCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The UDL file.")
    Path file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output folder.")
    Path output;

    @Mixin
    LiteralSecretsOption literalSecrets;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Adapters adapters = Adapters.installed();
        UdlDocument doc = UdlFiles.load(file, adapters, spec.commandLine().getErr(),
                literalSecrets.allowed);
        if (doc == null) {
            return 1;
        }
        CompiledApp app = new UdlCompiler(adapters).compile(doc, UdlFiles.baseDir(file), CompileOptions.DEFAULT);
        List<String> violations = CamelYamlSchema.violations(YamlEmitter.routesYaml(app));
        if (!violations.isEmpty()) {
            // a compiler defect, not a user error: say so rather than write files Camel would reject
            spec.commandLine().getErr().println("internal error: the compiled routes do not conform to Camel's YAML"
                    + " DSL schema; please report it with the UDL file: " + violations);
            return InternalErrors.EXIT_CODE;
        }
        for (Path written : YamlEmitter.write(app, output)) {
            spec.commandLine().getOut().println("wrote " + written);
        }
        return 0;
    }
}
