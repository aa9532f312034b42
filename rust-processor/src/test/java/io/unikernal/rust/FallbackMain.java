package io.unikernal.rust;

import io.unikernal.routing.RoutingEngine;
import io.unikernal.routing.RoutingEngines;
import io.unikernal.routing.RoutingMessage;
import io.unikernal.routing.RuleTableText;
import io.unikernal.routing.Workload;
import java.util.Map;

/** Run by {@link NativeFallbackTest} in a child JVM whose class path lacks the native library. */
public final class FallbackMain {
    private FallbackMain() {
    }

    public static void main(String[] args) {
        String single = RoutingEngines.select("auto", Workload.SINGLE).name();
        String batch = RoutingEngines.select("auto", Workload.BATCH).name();
        try (RoutingEngine e = RoutingEngines.select("auto", Workload.BATCH).create(RuleTableText.parse("when header.a == b then x"))) {
            System.out.println("auto single=" + single + " batch=" + batch + " decision=" + e.decide(RoutingMessage.of(Map.of("a", "b"), "{}")));
        }
        try {
            RoutingEngines.select("rust", Workload.BATCH);
            System.out.println("rust selected");
        } catch (IllegalArgumentException expected) {
            System.out.println("rust refused: " + expected.getMessage());
        }
    }
}
