package io.unikernal.adapter.core;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;

/** file: the peer is a folder of the test's own — files written into it, or the files the target wrote. */
final class FileFixture implements AdapterFixture {

    @Override
    public String adapter() {
        return "file";
    }

    @Override
    public SourcePeer sourcePeer(Path workDir) throws IOException {
        Path inbox = Files.createDirectories(workDir.resolve("inbox-" + UUID.randomUUID()));
        return new SourcePeer() {
            @Override
            public String system() {
                return "{adapter: file, directory: \"" + inbox + "\"}";
            }

            /** The file source's read lock ("changed") waits a second per file for it to stay unchanged. */
            @Override
            public int batch() {
                return 3;
            }

            /** Written under a name the source ignores, then renamed: the source never sees half a file. */
            @Override
            public Received send(CamelContext app, ContractMessage message) throws IOException {
                Path part = Files.writeString(inbox.resolve(message.id() + ".part"), message.json());
                Files.move(part, inbox.resolve(message.id() + ".json"), StandardCopyOption.ATOMIC_MOVE);
                return null;
            }
        };
    }

    @Override
    public TargetPeer targetPeer(Path workDir) throws IOException {
        Path outbox = Files.createDirectories(workDir.resolve("outbox-" + UUID.randomUUID()));
        return new TargetPeer() {
            @Override
            public String system() {
                return "{adapter: file, directory: \"" + outbox + "\"}";
            }

            @Override
            public List<Received> received() throws IOException {
                List<Received> files = new ArrayList<>();
                try (Stream<Path> list = Files.list(outbox)) {
                    // a file being written is hidden (.name.part) until it is renamed whole
                    for (Path file : list.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                        files.add(Received.body(read(file)));
                    }
                }
                return files;
            }
        };
    }

    /** A visible file's JSON: the target renames a file only once it is whole, so anything else is a failure. */
    private static Object read(Path file) {
        try {
            return StrictJson.read(Files.readString(file), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
