package io.unikernal.spi.adapter;

import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.References;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** File names written in a UDL file, which may be anything a user (or an attacker) types, e.g. a NUL character. */
public final class UdlPaths {

    private UdlPaths() {
    }

    /** True when {@code name}, relative to {@code base}, is a readable regular file; false for a malformed name. */
    public static boolean isReadableFile(Path base, String name) {
        try {
            Path file = base.resolve(name);
            return Files.isRegularFile(file) && Files.isReadable(file);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The folder of the UDL file a position is in, which relative file names resolve against; else the working one. */
    public static Path folderOf(SourcePos pos) {
        Path file = pos == null ? null : Path.of(pos.file());
        Path parent = file == null ? null : file.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /** The option's text when it is a literal (no {@code ${...}} reference, known only at run time), else null. */
    public static String literal(OptionValue value) {
        return value != null && value.value() instanceof String text && !References.containsReference(text) ? text
                : null;
    }

    /**
     * True when the option names a file the checks can read: a literal, in a UDL file in a folder of this machine (a
     * worked example read from a jar is not: its files cannot be found).
     */
    public static boolean checkable(OptionValue value) {
        return literal(value) != null && Files.isDirectory(folderOf(value.pos()));
    }

    /**
     * A file option as an absolute path for a component: relative to the UDL file's folder ({@code ctx.baseDir()}),
     * a reference kept as its placeholder.
     */
    public static String forComponent(SystemDecl system, Option<String> option, CompileContext ctx) {
        String text = ctx.text(system, option);
        String literal = literal(system.option(option.name()));
        if (literal == null) {
            return text;
        }
        Path path = Path.of(literal);
        return path.isAbsolute() ? path.toString() : ctx.baseDir().resolve(path).normalize().toString();
    }
}
