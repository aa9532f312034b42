package io.unikernal.testkit.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for a test's own listeners and private servers.
 *
 * <p>Ports come from below the operating system's ephemeral range (Linux: 32768–60999): a port the system picked for
 * {@code bind(0)} was handed back free, and the next {@code bind(0)} (a peer the test starts before the app binds the
 * port) or an outgoing connection's source port could be given the same one. No port is handed out twice in a JVM.
 */
public final class FreePort {

    private static final int FIRST = 20000;
    private static final int LAST = 32000;
    private static final int TRIES = 200;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    /** A port on 127.0.0.1 nothing listens on right now, not handed out before in this JVM. */
    public static int loopback() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < TRIES; i++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (HANDED_OUT.contains(port) || !bindable(loopback, port)) {
                continue;
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port in " + FIRST + "-" + LAST + " after " + TRIES + " tries");
    }

    private static boolean bindable(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, address)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
