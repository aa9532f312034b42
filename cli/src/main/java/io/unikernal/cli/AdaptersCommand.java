package io.unikernal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.udl.doc.AdapterCatalog;
import io.unikernal.udl.doc.AdapterPage;
import io.unikernal.udl.doc.UnsupportedPage;
import io.unikernal.udl.spec.UnsupportedSystems;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code unikernal adapters [NAME] [--json]}: the installed adapters, from their own declarations. */
@Command(name = "adapters", mixinStandardHelpOptions = true,
        description = {"List the installed adapters with their roles, or show one: its options, capabilities, problem"
                + " codes, the contract cases that run for it and a worked example.",
                "The same text as docs/adapters/NAME.md; --json prints the declarations for tools."})
final class AdaptersCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "One adapter, e.g. postgres.")
    String name;

    @Option(names = "--json", description = "Print JSON: an array of every adapter, or one adapter's object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Adapters adapters = Adapters.installed();
        PrintWriter out = spec.commandLine().getOut();
        if (name != null) {
            Adapter adapter = adapters.get(name);
            if (adapter == null && UnsupportedSystems.find(name).isPresent()) {
                spec.commandLine().getErr().print("error: " + UnsupportedPage.describe(UnsupportedSystems.find(name)
                        .orElseThrow()));
                return 1;
            }
            if (adapter == null) {
                spec.commandLine().getErr().println("error: no adapter '" + name + "' is installed; installed: "
                        + String.join(", ", adapters.all().keySet()));
                return 1;
            }
            out.print(json ? JSON.writeValueAsString(AdapterCatalog.describe(adapter)) + "\n"
                    : AdapterPage.generate(adapter));
        } else if (json) {
            List<Object> all = adapters.all().values().stream().map(a -> (Object) AdapterCatalog.describe(a)).toList();
            out.println(JSON.writeValueAsString(all));
        } else {
            int width = adapters.all().keySet().stream().mapToInt(String::length).max().orElse(0);
            int rolesWidth = adapters.all().values().stream().mapToInt(a -> AdapterCatalog.roleWords(a).length())
                    .max().orElse(0);
            for (Adapter a : adapters.all().values()) {
                out.printf("%-" + width + "s  %-" + rolesWidth + "s  %s%n", a.name(), AdapterCatalog.roleWords(a),
                        a.info().description());
            }
            out.println();
            out.println("not supported (see docs/adapters/not-supported.md): " + String.join(", ",
                    UnsupportedSystems.all().stream().map(UnsupportedSystems.Unsupported::name).toList()));
        }
        out.flush();
        return 0;
    }
}
