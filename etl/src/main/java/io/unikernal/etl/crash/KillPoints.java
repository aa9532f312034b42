package io.unikernal.etl.crash;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deliberate crash points for the kill-and-resume proofs: with {@code -Dunikernal.etl.killAt=<point>:<n>} the JVM
 * sends itself SIGKILL the {@code n}-th time a load reaches {@code point}, so a test can kill a load exactly inside a
 * COPY or between a batch's write and its commit, places a kill timed from outside hits only by luck. Without the
 * property each point is one map-free check of a static field.
 *
 * <p>Points: {@code pg-copy} (PostgreSQL: half of a batch's COPY data sent), {@code pg-merged} (PostgreSQL: COPY and
 * merge done, the checkpoint not yet advanced nor committed), {@code jdbc-write} (a JDBC target: the batch's first
 * statement bound, nothing executed), {@code jdbc-commit} (a JDBC target: rows and checkpoint written, not committed),
 * {@code kafka-commit} (a Kafka target: records sent in the transaction, not committed).
 */
public final class KillPoints {

    private static final String PROPERTY = "unikernal.etl.killAt";
    private static final String POINT;
    private static final long AT;
    private static final Map<String, AtomicLong> REACHED = new ConcurrentHashMap<>();

    static {
        String spec = System.getProperty(PROPERTY, "");
        int colon = spec.lastIndexOf(':');
        POINT = colon > 0 ? spec.substring(0, colon) : null;
        AT = colon > 0 ? Long.parseLong(spec.substring(colon + 1)) : 0;
    }

    private KillPoints() {
    }

    /** Kills this JVM with SIGKILL when {@code point} is the chosen one and this is its chosen time. */
    public static void reach(String point) {
        if (POINT != null && POINT.equals(point)
                && REACHED.computeIfAbsent(point, p -> new AtomicLong()).incrementAndGet() == AT) {
            killSelf(point);
        }
    }

    /** {@code data} that reaches {@code point} once half of its {@code size} bytes have been read. */
    public static InputStream atHalf(InputStream data, long size, String point) {
        if (POINT == null || !POINT.equals(point)) {
            return data;
        }
        return new FilterInputStream(data) {
            private long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, (int) Math.min(len, Math.max(1, size / 2 - read)));
                read += Math.max(n, 0);
                if (read >= size / 2 && read - Math.max(n, 0) < size / 2) {
                    reach(point);
                }
                return n;
            }
        };
    }

    private static void killSelf(String point) {
        System.err.println("kill point " + point + " reached: SIGKILL to self");
        try {
            new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).inheritIO().start()
                    .waitFor();
            Thread.sleep(Long.MAX_VALUE); // the signal is on its way
        } catch (IOException | InterruptedException e) {
            Runtime.getRuntime().halt(137); // no kill(1): as abrupt, without the signal
        }
    }
}
