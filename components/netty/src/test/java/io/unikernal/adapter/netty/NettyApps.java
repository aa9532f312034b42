package io.unikernal.adapter.netty;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;

/** What the module's tests share: app names unique per run, waiting for a condition, the UDL of a served app. */
final class NettyApps {

    private NettyApps() {
    }

    static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(condition);
    }

    /**
     * An app {@code name} whose one route takes from {@code system} (a flow map, the system named {@code in}) to the
     * probe {@code seen}; with {@code deadLetter} the probe {@code parked} keeps failures.
     */
    static String served(String name, String system, boolean deadLetter) {
        return "udl: 8\nname: " + name + "\nsystems:\n  in: " + system + "\n  seen: {adapter: contract-probe}\n"
                + (deadLetter ? "  parked: {adapter: contract-probe}\n" : "")
                + "routes:\n  - name: take\n    from: in\n    steps:\n      - to: seen\n"
                + (deadLetter ? "    deadLetter: parked\n" : "");
    }
}
