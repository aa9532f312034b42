package io.unikernal.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the versions of Unikernal, Camel and Java.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (String line : new Provider().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
        return 0;
    }

    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String own = UnikernalCli.class.getPackage().getImplementationVersion();
            String camel = org.apache.camel.CamelContext.class.getPackage().getImplementationVersion();
            return new String[] {
                "Unikernal " + (own == null ? "development build" : own),
                "Apache Camel " + (camel == null ? "unknown" : camel),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
