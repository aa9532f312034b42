package io.unikernal.cli;

import io.unikernal.etl.run.PipelineApp;
import io.unikernal.etl.run.PipelineFailure;
import io.unikernal.etl.run.PipelineRunner;
import io.unikernal.etl.run.Position;
import io.unikernal.etl.run.Progress;
import io.unikernal.etl.run.RunSummary;
import io.unikernal.etl.schema.InferredSchema;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.model.UdlDocument;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code unikernal etl run FILE --pipeline NAME}: one pipeline run by hand, with progress and a summary;
 * {@code unikernal etl status FILE}: where each pipeline's file stands.
 */
@Command(name = "etl", mixinStandardHelpOptions = true,
        description = {"ETL pipelines (docs/etl.md).", "Exit codes: 0 done, 1 the file or the run failed,"
                + " 4 done but more rows were rejected than the pipeline's rejects.threshold."},
        subcommands = {EtlCommand.Run.class, EtlCommand.Status.class, EtlCommand.Infer.class})
final class EtlCommand {

    /** The exit code of a run that rejected more rows than its threshold allows. */
    static final int REJECTS_OVER_THRESHOLD = 4;

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run one pipeline of a UDL file now, to the end of its source, resuming from its"
                    + " checkpoint; the app's routes and schedules do not start.",
                    "Progress shows rows and rows/s: one updating line on a terminal, a plain line per second"
                            + " otherwise; a summary at the end.",
                    "Exit codes: 0 done, 1 the file or the run failed, 4 more rows rejected than the threshold."})
    static final class Run implements Callable<Integer> {

        @Mixin
        AppFile app;

        @Option(names = "--pipeline", required = true, paramLabel = "NAME", description = "The pipeline to run.")
        String pipeline;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            UdlDocument doc = this.app.load(err);
            if (doc == null) {
                return 1;
            }
            RunSummary summary;
            boolean terminal = System.console() != null;
            try (PipelineApp app = PipelineApp.start(doc, this.app.baseDir())) {
                summary = app.run(pipeline, new ProgressLines(out, pipeline, terminal));
            } catch (PipelineFailure e) {
                err.println("error: " + e.getMessage());
                return 1;
            } finally {
                if (terminal) {
                    out.println(); // end the progress line rewritten in place
                }
            }
            out.println(summaryLine(summary));
            if (summary.totalRejected() > 0) {
                out.println("  rejected rows: " + summary.rejectFile());
            }
            if (summary.thresholdExceeded()) {
                err.println("error: pipeline " + pipeline + " rejected " + summary.totalRejected() + " rows of "
                        + summary.file() + ", more than its threshold " + summary.rejectThreshold());
                return REJECTS_OVER_THRESHOLD;
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show where each pipeline of a UDL file stands: its file, how far its checkpoint has"
                    + " read it and the file's counts so far; no route starts, nothing is loaded.",
                    "Exit codes: 0 shown, 1 the file or its database cannot be read."})
    static final class Status implements Callable<Integer> {

        @Mixin
        AppFile app;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            UdlDocument doc = this.app.load(spec.commandLine().getErr());
            if (doc == null) {
                return 1;
            }
            try (PipelineApp app = PipelineApp.start(doc, this.app.baseDir())) {
                if (app.pipelines().isEmpty()) {
                    out.println("app " + doc.name() + " has no pipelines");
                }
                for (PipelineRunner runner : app.pipelines()) {
                    out.println(statusLine(runner.getPipeline(), runner.describeSource(), runner.status()));
                }
            } catch (PipelineFailure e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "infer", mixinStandardHelpOptions = true,
            description = {"Print the schema of a data file (csv, json, jsonl, parquet, xlsx) as a UDL schemas:"
                    + " entry: its header's or columns' names and the type every value fits.",
                    "Exit codes: 0 printed, 1 the file cannot be read."})
    static final class Infer implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "The data file.")
        Path file;

        @Option(names = "--format", paramLabel = "FORMAT", description = "Its format; absent, its name's ending"
                + " tells it.")
        String format;

        @Option(names = "--sheet", paramLabel = "SHEET", description = "xlsx: the sheet (absent: the first).")
        String sheet;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "Inferred",
                description = "The schema's name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--records", paramLabel = "N", defaultValue = "" + Long.MAX_VALUE,
                description = "Read at most N records (default: all).")
        long records;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            java.util.Map<String, Object> options = sheet == null ? java.util.Map.of()
                    : java.util.Map.of("sheet", sheet);
            try {
                InferredSchema schema = InferredSchema.ofFile(file, format, options, records);
                spec.commandLine().getOut().print(schema.toUdl(name, file.getFileName().toString()));
                return 0;
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return 1;
            }
        }
    }

    /** The UDL file argument of the etl commands, with the literal-secrets switch every command that loads one has. */
    static final class AppFile {

        @Parameters(index = "0", paramLabel = "FILE", description = "The UDL file.")
        Path file;

        @Mixin
        LiteralSecretsOption literalSecrets;

        /** The parsed file; null when it has errors (printed to {@code err}). */
        UdlDocument load(PrintWriter err) {
            return UdlFiles.load(file, Adapters.installed(), err, literalSecrets.allowed);
        }

        Path baseDir() {
            return UdlFiles.baseDir(file);
        }
    }

    static String statusLine(String pipeline, String source, Optional<Position> position) {
        if (position.isEmpty()) {
            return "pipeline " + pipeline + ": " + source + ": never run";
        }
        Position p = position.get();
        return "pipeline " + pipeline + ": " + source + ": " + (p.done() ? "read to its end" : p.source() == null
                ? "started, nothing committed yet" : "read up to " + p.source()) + ", " + p.read() + " rows: "
                + p.written() + " written, " + p.rejected() + " rejected" + (p.dropped() > 0 ? ", " + p.dropped()
                        + " filtered out" : "");
    }

    static String summaryLine(RunSummary s) {
        return String.format(Locale.ROOT, "pipeline %s: %s%d rows read, %d written, %d rejected in %.1f s (%.0f"
                + " rows/s); the file so far: %d read, %d written, %d rejected", s.pipeline(), s.resumed()
                ? "resumed from its checkpoint: " : "", s.read(), s.written(), s.rejected(), s.seconds(),
                s.rowsPerSecond(), s.totalRead(), s.totalWritten(), s.totalRejected());
    }

    /** Progress after batches: on a terminal one line rewritten in place, else a plain line at most once a second. */
    static final class ProgressLines implements Progress {
        private final PrintWriter out;
        private final String pipeline;
        private final boolean terminal;
        private double lastShown = -1;

        ProgressLines(PrintWriter out, String pipeline, boolean terminal) {
            this.out = out;
            this.pipeline = pipeline;
            this.terminal = terminal;
        }

        @Override
        public void committed(Progress.Snapshot s) {
            if (!terminal && lastShown >= 0 && s.seconds() - lastShown < 1) {
                return;
            }
            lastShown = s.seconds();
            String counts = String.format(Locale.ROOT, "%d rows read, %d written, %d rejected, %.0f rows/s", s.read(),
                    s.written(), s.rejected(), s.rowsPerSecond());
            String bytes = s.bytes() < 0 ? "" : s.size() > 0 ? ", " + mib(s.bytes()) + " of " + mib(s.size())
                    : ", " + mib(s.bytes());
            String eta = s.etaSeconds() < 0 ? "" : String.format(Locale.ROOT, ", ETA %.0f s", s.etaSeconds());
            if (terminal) {
                out.print("\r" + bar(s.fraction()) + pipeline + ": " + counts + bytes + eta + "\u001b[K");
            } else {
                out.println(pipeline + ": " + counts + bytes + eta);
            }
            out.flush();
        }

        /** A 20-cell bar of the share read, when the size is known. */
        static String bar(double fraction) {
            if (fraction < 0) {
                return "";
            }
            int full = (int) Math.round(fraction * 20);
            return "[" + "#".repeat(full) + " ".repeat(20 - full) + String.format(Locale.ROOT, "] %3.0f%% ",
                    fraction * 100);
        }

        private static String mib(long bytes) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
        }
    }
}
