package io.unikernal.etl.run;

import io.unikernal.plugins.Adapters;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;

/** The child JVM of the kill-and-resume test: runs one pipeline of a UDL file as {@code unikernal etl run} does. */
public final class PipelineChild {

    private PipelineChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        UdlDocument doc = new UdlParser(Adapters.installed()).load(file);
        try (PipelineApp app = PipelineApp.start(doc, file.toAbsolutePath().getParent())) {
            System.out.println("started");
            RunSummary summary = app.run(args[1], snapshot -> System.out.println("committed "
                    + snapshot.read()));
            System.out.println("done read=" + summary.read() + " rejected=" + summary.rejected());
        }
        System.exit(0);
    }
}
