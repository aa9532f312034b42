package io.unikernal.cli;

import io.unikernal.plugins.Adapters;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
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
                "Exit code 0 when all files are valid, 1 otherwise (3: an internal error of Unikernal)."})
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
        int internal = 0;
        for (Path file : files) {
            UdlDocument doc = UdlFiles.load(file, adapters, spec.commandLine().getErr(),
                literalSecrets.allowed);
            if (doc == null) {
                bad++;
            } else if (!compiles(file, doc, adapters)) {
                internal++;
            } else {
                spec.commandLine().getOut().printf("%s: ok (%d systems, %d routes, %d tests)%n", file,
                        doc.systems().size(), doc.routes().size(), doc.tests().size());
            }
        }
        return internal > 0 ? InternalErrors.EXIT_CODE : bad == 0 ? 0 : 1;
    }

    /** A file is only "ok" when it also compiles, for run and for test, so validate never passes what run fails. */
    private boolean compiles(Path file, UdlDocument doc, Adapters adapters) {
        try {
            UdlCompiler compiler = new UdlCompiler(adapters);
            compiler.compile(doc, UdlFiles.baseDir(file), CompileOptions.DEFAULT);
            compiler.compile(doc, UdlFiles.baseDir(file), CompileOptions.TEST);
            return true;
        } catch (RuntimeException e) {
            InternalErrors.report(spec.commandLine().getErr(), "compiling " + file, e);
            return false;
        }
    }
}
