package io.unikernal.cli;

import io.unikernal.adapter.Adapters;
import io.unikernal.udl.model.UdlDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check UDL files and print every problem as file:line:col: message.",
                "Exit code 0 when all files are valid, 1 otherwise."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "UDL files to check.")
    List<Path> files;

    @Mixin
    LiteralSecretsOption literalSecrets;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Adapters adapters = Adapters.installed();
        int bad = 0;
        for (Path file : files) {
            UdlDocument doc = UdlFiles.load(file, adapters, spec.commandLine().getErr(),
                literalSecrets.allowed);
            if (doc == null) {
                bad++;
            } else {
                spec.commandLine().getOut().printf("%s: ok (%d systems, %d routes, %d tests)%n", file,
                        doc.systems().size(), doc.routes().size(), doc.tests().size());
            }
        }
        return bad == 0 ? 0 : 1;
    }
}
