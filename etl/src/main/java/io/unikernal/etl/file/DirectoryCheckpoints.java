package io.unikernal.etl.file;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernal.runtime.checkpoint.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The checkpoints of a file target, kept next to its parts in {@code _checkpoints.json}: per name, the source's
 * position and how many parts were committed. Each change is written to a temporary file, forced to disk and renamed
 * over the old one, so a kill leaves the old state or the new one; {@link #advance} is a compare-and-set under a
 * lock on {@code _checkpoints.lock}, so two runs cannot both move it.
 */
final class DirectoryCheckpoints implements CheckpointStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One name's state: the source's position and the parts written under it. */
    record State(String position, long parts) {
    }

    private final Path directory;

    DirectoryCheckpoints(Path directory) {
        this.directory = directory;
    }

    @Override
    public synchronized Optional<String> position(String name) {
        return Optional.ofNullable(read().get(name)).map(State::position);
    }

    /** Parts committed under {@code name}: the number the next part gets. */
    synchronized long parts(String name) {
        State state = read().get(name);
        return state == null ? 0 : state.parts();
    }

    @Override
    public synchronized void save(String name, String position) {
        CheckpointStore.checkSizes(name, position);
        locked(() -> {
            Map<String, State> all = read();
            State old = all.get(name);
            all.put(name, new State(position, old == null ? 0 : old.parts()));
            write(all);
            return true;
        });
    }

    @Override
    public synchronized boolean advance(String name, String expected, String next) {
        return advance(name, expected, next, 0);
    }

    /** The compare-and-set, counting {@code addedParts} more parts. */
    synchronized boolean advance(String name, String expected, String next, long addedParts) {
        CheckpointStore.checkSizes(name, next);
        return locked(() -> {
            Map<String, State> all = read();
            State old = all.get(name);
            String now = old == null ? null : old.position();
            if (!java.util.Objects.equals(now, expected)) {
                return false;
            }
            all.put(name, new State(next, (old == null ? 0 : old.parts()) + addedParts));
            write(all);
            return true;
        });
    }

    @Override
    public synchronized void remove(String name) {
        locked(() -> {
            Map<String, State> all = read();
            all.remove(name);
            write(all);
            return true;
        });
    }

    private Path file() {
        return directory.resolve("_checkpoints.json");
    }

    private Map<String, State> read() {
        try {
            if (!Files.exists(file())) {
                return new LinkedHashMap<>();
            }
            return JSON.readValue(file().toFile(), new TypeReference<LinkedHashMap<String, State>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(file() + " is no checkpoint file this target wrote", e);
        }
    }

    private void write(Map<String, State> all) {
        try {
            Path temporary = directory.resolve("_checkpoints.json.tmp");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(all)));
                out.force(true);
            }
            Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(), e);
        }
    }

    private boolean locked(java.util.function.BooleanSupplier change) {
        try {
            Files.createDirectories(directory);
            try (FileChannel lock = FileChannel.open(directory.resolve("_checkpoints.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); var held = lock.lock()) {
                return change.getAsBoolean();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the checkpoints of " + directory, e);
        }
    }
}
