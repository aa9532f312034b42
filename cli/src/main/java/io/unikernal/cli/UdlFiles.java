package io.unikernal.cli;

import io.unikernal.plugins.Adapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.ParseResult;
import io.unikernal.udl.parse.UdlParser;
import io.unikernal.udl.model.UdlDocument;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a UDL file for a command, printing every problem; null when the file has errors. */
final class UdlFiles {

    private UdlFiles() {
    }

    /** {@code allowLiteralSecrets}: the development flag {@code --allow-literal-secrets} (UDL-033 a warning). */
    static UdlDocument load(Path file, Adapters adapters, PrintWriter err, boolean allowLiteralSecrets) {
        if (!Files.isRegularFile(file)) {
            err.println(file + ": no such file");
            return null;
        }
        ParseResult result = new UdlParser(adapters).allowingLiteralSecrets(allowLiteralSecrets).parse(file);
        boolean errors = false;
        for (UdlError problem : result.problems()) {
            err.println(problem.render());
            errors |= problem.isError();
        }
        return errors ? null : result.document();
    }

    static Path baseDir(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }
}
