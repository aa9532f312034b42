package io.unikernal.adapter.thrift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tests' IDL files (src/test/resources/thrift), copied into a test's folder. */
final class Idl {

    private static final Path SOURCE = Path.of("src/test/resources/thrift");

    private Idl() {
    }

    /** Copies calculator.thrift, shared.thrift and orders.thrift into {@code dir}; returns the named one's path. */
    static Path write(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            for (String file : new String[] { "calculator.thrift", "shared.thrift", "orders.thrift" }) {
                Files.copy(SOURCE.resolve(file), dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return dir.resolve(name).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
