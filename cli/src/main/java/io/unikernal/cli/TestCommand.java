package io.unikernal.cli;

import io.unikernal.plugins.Adapters;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.testing.TestResult;
import io.unikernal.udl.testing.UdlTestRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the tests: section of UDL files: each case sends its input into its route and checks the",
                "reply and what each system received (targets are captured, no servers needed).",
                "Exit code 0 when every case passes, 1 otherwise."})
final class TestCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "UDL files whose tests to run.")
    List<Path> files;

    @Mixin
    LiteralSecretsOption literalSecrets;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Adapters adapters = Adapters.installed();
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            UdlDocument doc = UdlFiles.load(file, adapters, spec.commandLine().getErr(),
                literalSecrets.allowed);
            if (doc == null) {
                failed++;
                continue;
            }
            if (doc.tests().isEmpty()) {
                out.println(file + ": no tests");
                continue;
            }
            for (TestResult result : new UdlTestRunner(adapters).run(doc, UdlFiles.baseDir(file))) {
                if (result.passed()) {
                    passed++;
                    out.println("PASS " + result.name());
                } else {
                    failed++;
                    out.println("FAIL " + result.name() + " (" + result.pos() + ")");
                    result.failures().forEach(f -> out.println("     " + f));
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
