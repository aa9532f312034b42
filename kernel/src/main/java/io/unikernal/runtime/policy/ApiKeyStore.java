package io.unikernal.runtime.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The known API keys, as SHA-256 hashes only: the ones written in the UDL plus those of a keys file, which is
 * re-read whenever it changes (rotation without restart). A presented key is hashed and compared in constant time.
 */
public final class ApiKeyStore {

    /** One known caller. */
    public record Caller(String id, byte[] sha256, Set<String> roles) {
    }

    private final List<Caller> inline;
    private final Path keysFile;
    private volatile Snapshot snapshot;

    private record Snapshot(FileTime modified, long size, List<Caller> callers) {
    }

    public ApiKeyStore(List<Caller> inline, Path keysFile) {
        this.inline = List.copyOf(inline);
        this.keysFile = keysFile;
        this.snapshot = new Snapshot(null, -1, this.inline);
    }

    /** The caller whose key this is, or null. */
    public Caller find(String presentedKey) {
        byte[] hash = sha256(presentedKey);
        Caller found = null;
        for (Caller caller : callers()) {
            // every entry is compared, so the time taken does not tell which key nearly matched
            if (MessageDigest.isEqual(caller.sha256(), hash) && found == null) {
                found = caller;
            }
        }
        return found;
    }

    private List<Caller> callers() {
        if (keysFile == null) {
            return inline;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(keysFile);
            long size = Files.size(keysFile);
            Snapshot current = snapshot;
            if (!modified.equals(current.modified()) || size != current.size()) {
                List<Caller> all = new ArrayList<>(inline);
                all.addAll(readFile(keysFile));
                current = new Snapshot(modified, size, List.copyOf(all));
                snapshot = current;
            }
            return current.callers();
        } catch (IOException e) {
            // an unreadable file revokes its keys rather than keeping stale ones
            return inline;
        }
    }

    /** Lines {@code id sha256hex [role,role]}; blank lines and # comments are skipped, malformed lines too. */
    static List<Caller> readFile(Path file) {
        List<Caller> callers = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] parts = text.split("\\s+");
                if (parts.length < 2 || !parts[1].matches("[0-9a-f]{64}")) {
                    continue;
                }
                Set<String> roles = parts.length > 2 ? Set.of(parts[2].split(",")) : Set.of();
                callers.add(new Caller(parts[0], HexFormat.of().parseHex(parts[1]), roles));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return callers;
    }

    /**
     * One digest per thread: looking the algorithm up ({@code MessageDigest.getInstance}) cost more than hashing a
     * key. {@code digest()} resets it, so nothing of a key stays in it after the call.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

    public static byte[] sha256(String text) {
        return SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lowercase hex SHA-256, as written in UDL and keys files. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }
}
