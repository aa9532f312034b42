package io.unikernal.spi.adapter;

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
}
