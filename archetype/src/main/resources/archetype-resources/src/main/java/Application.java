package ${package};

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the UDL app and the Java routes in one CamelContext until Ctrl-C. */
public final class Application {

    /** The UDL file, relative to the project folder (where mvn runs). */
    public static final Path UDL_FILE = Path.of("src/main/udl/hello.udl");

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : UDL_FILE;
        UdlRuntime runtime = UdlRuntime.start(List.of(compile(file)), Map.of(), List.of(new GreetingRoute()));
        System.out.println("running " + runtime.context().getRoutes().size() + " routes; Ctrl-C to stop");
        runtime.runUntilShutdown();
        System.out.println("stopped");
    }

    /** Parses (errors as file:line:col, thrown) and compiles the UDL file, as {@code unikernal run} does. */
    public static CompiledApp compile(Path file) {
        Adapters adapters = Adapters.installed();
        Path baseDir = file.toAbsolutePath().getParent();
        return new UdlCompiler(adapters).compile(new UdlParser(adapters).load(file), baseDir, CompileOptions.DEFAULT);
    }
}
