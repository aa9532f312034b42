package io.unikernal.translate.rest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The annotated test contract {@code shelves.proto} with the googleapis files it imports, copied into a folder. */
public final class ShelvesContract {

    private ShelvesContract() {
    }

    /** Copies the files into {@code dir}; returns the path of {@code shelves.proto} there. */
    public static Path copyTo(Path dir) throws IOException {
        Path source = Path.of("src/test/resources/rest-grpc/annotated");
        Files.createDirectories(dir.resolve("google/api"));
        for (String file : List.of("shelves.proto", "google/api/http.proto", "google/api/annotations.proto")) {
            Files.copy(source.resolve(file), dir.resolve(file));
        }
        return dir.resolve("shelves.proto");
    }
}
