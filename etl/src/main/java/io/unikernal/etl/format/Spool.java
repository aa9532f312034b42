package io.unikernal.etl.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * What a format that needs random access (Parquet's footer, xlsx's zip directory) reads: the channel its caller
 * passes as option {@value #CHANNEL} (a file source opens the file itself), or else the stream copied to a temporary
 * file that is deleted on close (an S3 object), so a file is never read into memory.
 */
public final class Spool implements AutoCloseable {

    /** The option a caller puts a {@link SeekableByteChannel} or a {@link Path} of the same bytes under. */
    public static final String CHANNEL = "unikernal.channel";

    private final Path file;
    private final Path temporary;

    private Spool(Path file, Path temporary) {
        this.file = file;
        this.temporary = temporary;
    }

    /** A file holding {@code in}'s bytes: the one the options name, or a temporary copy. */
    public static Spool of(InputStream in, Map<String, Object> options) throws IOException {
        Object given = options.get(CHANNEL);
        if (given instanceof Path path) {
            return new Spool(path, null);
        }
        Path copy = Files.createTempFile("unikernal-etl-", ".spool");
        try {
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return new Spool(copy, copy);
    }

    public Path file() {
        return file;
    }

    public SeekableByteChannel open() throws IOException {
        return Files.newByteChannel(file, StandardOpenOption.READ);
    }

    @Override
    public void close() throws IOException {
        if (temporary != null) {
            Files.deleteIfExists(temporary);
        }
    }
}
