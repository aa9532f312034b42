package io.unikernal.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The records a file system wrote into a folder (a dead letter's rejects/), each file's text; none before it exists. */
final class FolderRecords {

    private FolderRecords() {
    }

    static List<String> read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> records = new ArrayList<>();
            for (Path f : files.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith("."))
                    .toList()) {
                records.add(Files.readString(f));
            }
            return records;
        }
    }
}
