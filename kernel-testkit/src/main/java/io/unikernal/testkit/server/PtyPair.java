package io.unikernal.testkit.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Two pseudo-terminals joined by {@code socat} (Debian package {@code socat}), as the two ends of a serial cable: what
 * is written to one end is read from the other. Each end is a symbolic link in a fresh folder under the module's
 * {@code target/private-servers} ({@link #a()}, {@link #b()}) to a {@code /dev/pts/N} device. Stopping ends socat: both
 * devices disappear (a device unplugged) and their links go; starting again makes a new pair behind the same links. A
 * pseudo-terminal takes the line settings a serial port is opened with (baud rate, parity, stop bits) but ignores
 * them: bytes pass at once whatever they say. {@link #close()} kills socat and deletes the folder. Without socat on
 * the PATH the pair cannot start and says so — never a silent skip.
 */
public final class PtyPair extends ProcessServer {

    private final Path a;
    private final Path b;

    private PtyPair() {
        super("pty", false);
        this.a = dir.resolve("a");
        this.b = dir.resolve("b");
    }

    /** A pair started and ready: both links point to their devices. */
    public static PtyPair launch() {
        PtyPair pair = new PtyPair();
        try {
            pair.start();
        } catch (RuntimeException notStarted) {
            pair.close();
            throw notStarted;
        }
        return pair;
    }

    /** One end: the link to the first pseudo-terminal. */
    public Path a() {
        return a;
    }

    /** The other end. */
    public Path b() {
        return b;
    }

    /** True when {@code socat} is on the PATH. */
    public static boolean socatInstalled() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, "socat"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    List<String> command() {
        if (!socatInstalled()) {
            throw new IllegalStateException("socat is not installed, so no pseudo-terminal pair can be made for the"
                    + " serial tests: install it (apt-get install -y socat; .ci/run does so)");
        }
        return List.of("socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b);
    }

    /** Ready once both links lead to their devices. */
    @Override
    boolean answers() {
        return Files.exists(a) && Files.exists(b);
    }

    @Override
    String what() {
        return "socat's pseudo-terminals " + a + " and " + b;
    }

    /** Ends socat: both devices are gone, as when a cable or an adapter is unplugged; the links go with them. */
    @Override
    public synchronized void stop() {
        super.stop();
        removeLinks();
    }

    /** socat removes its links when it ends in order; one killed leaves them dangling, so they go here either way. */
    private void removeLinks() {
        for (Path link : List.of(a, b)) {
            try {
                Files.deleteIfExists(link);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + link, e);
            }
        }
    }

    @Override
    public String toString() {
        return "pseudo-terminal pair " + a + " <-> " + b;
    }
}
