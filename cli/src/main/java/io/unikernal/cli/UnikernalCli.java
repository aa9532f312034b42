package io.unikernal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code unikernal} command. */
@Command(name = "unikernal", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Unikernal: describe integrations in UDL, run them on Apache Camel.",
        subcommands = {RunCommand.class, CompileCommand.class, ValidateCommand.class, TestCommand.class,
                AdaptersCommand.class, TranslateCommand.class, EtlCommand.class, ExportCommand.class,
                VersionCommand.class, CommandLine.HelpCommand.class})
public final class UnikernalCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line and returns the exit code: 0 ok, 1 the input has errors (or the environment refused, e.g. a
     * busy port), 2 usage error, 3 internal error (a Unikernal defect; see {@link InternalErrors}).
     */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The configured command line; an unexpected exception prints one line, not a stack trace, with secrets masked
     * (e.g. a start-up failure quoting a resolved URL); a defect of Unikernal itself is reported as an internal error.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new UnikernalCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            io.unikernal.runtime.health.SystemStartException misconfigured = systemStartFailure(e);
            if (misconfigured != null) {
                // a system configured wrong: its own line, whatever Camel wrapped it in
                misconfigured.getMessage().lines().forEach(line ->
                        cmd.getErr().println("error: " + io.unikernal.runtime.SecretMasker.mask(line)));
                return 1;
            }
            if (InternalErrors.isDefect(e)) {
                return InternalErrors.report(cmd.getErr(), "running '" + cmd.getCommandName() + "'", e);
            }
            cmd.getErr().println("error: " + io.unikernal.runtime.SecretMasker.mask(String.valueOf(e.getMessage())));
            return 1;
        });
        return cli;
    }

    private static io.unikernal.runtime.health.SystemStartException systemStartFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.unikernal.runtime.health.SystemStartException start) {
                return start;
            }
        }
        return null;
    }
}
