package io.unikernal.cli;

import io.unikernal.compile.CompilerDefect;
import io.unikernal.runtime.SecretMasker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * How the CLI reports a defect of Unikernal itself (as opposed to an error in the user's file or environment): one
 * plain sentence saying where it happened, never a Java exception text; the Java detail goes to a file for the bug
 * report. Exit code {@value #EXIT_CODE}, distinct from 1 (the input has errors) and 2 (usage error).
 */
final class InternalErrors {

    static final int EXIT_CODE = 3;

    /** Root causes that only a programming error produces; anything else is the environment's (a refused port...). */
    private static final Set<Class<? extends Throwable>> DEFECTS = Set.of(NullPointerException.class,
            ClassCastException.class, IllegalStateException.class, IllegalArgumentException.class,
            IndexOutOfBoundsException.class, UnsupportedOperationException.class, ArithmeticException.class,
            LinkageError.class, StackOverflowError.class);

    private InternalErrors() {
    }

    /** True when the failure is a defect of Unikernal: a compiler defect, or a programming error at its root. */
    static boolean isDefect(Throwable e) {
        if (find(e) != null) {
            return true;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        Throwable r = root;
        return DEFECTS.stream().anyMatch(type -> type.isInstance(r));
    }

    /** Prints the defect and returns {@link #EXIT_CODE}; {@code doing} is used when no compiler part is named. */
    static int report(PrintWriter err, String doing, Throwable e) {
        CompilerDefect defect = find(e);
        String what = defect != null ? "compiling " + defect.where() : doing;
        Path details = writeDetails(e);
        err.println("internal error while " + what + "; please report it with the UDL file"
                + (details == null ? "" : " and " + details));
        err.flush();
        return EXIT_CODE;
    }

    private static CompilerDefect find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CompilerDefect d) {
                return d;
            }
        }
        return null;
    }

    /** The stack trace, masked, in a temporary file; null when it cannot be written. */
    private static Path writeDetails(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        try {
            Path file = Files.createTempFile("unikernal-internal-error-", ".txt");
            Files.writeString(file, SecretMasker.mask(trace.toString()));
            return file;
        } catch (IOException | RuntimeException io) {
            return null;
        }
    }
}
