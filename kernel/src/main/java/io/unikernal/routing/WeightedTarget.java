package io.unikernal.routing;

import java.util.Objects;

/** A rule's target and its share of the traffic among the rule's targets. */
public record WeightedTarget(String target, int weight) {
    public static final int MAX_WEIGHT = 1_000_000;

    public WeightedTarget {
        Objects.requireNonNull(target, "target");
        if (target.isBlank()) {
            throw new IllegalArgumentException("target name '" + target + "' is blank");
        }
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight " + weight + " of target '" + target + "' must be 1.." + MAX_WEIGHT);
        }
    }
}
