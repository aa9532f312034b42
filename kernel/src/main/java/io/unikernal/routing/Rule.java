package io.unikernal.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule: all its conditions must hold (none = always); then one of its targets is chosen, by
 * weight when there are several (see {@link RuleTable} for the hash). Higher priority is tried first;
 * equal priorities keep declaration order.
 */
public final class Rule {
    public static final int MAX_CONDITIONS = 16;
    public static final int MAX_TARGETS = 256;

    private final int priority;
    private final List<Condition> conditions;
    private final List<WeightedTarget> targets;

    private Rule(int priority, List<Condition> conditions, List<WeightedTarget> targets) {
        this.priority = priority;
        this.conditions = conditions;
        this.targets = targets;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int priority() {
        return priority;
    }

    public List<Condition> conditions() {
        return conditions;
    }

    public List<WeightedTarget> targets() {
        return targets;
    }

    public long totalWeight() {
        long sum = 0;
        for (WeightedTarget t : targets) {
            sum += t.weight();
        }
        return sum;
    }

    @Override
    public String toString() {
        return "priority " + priority + " when " + conditions + " then " + targets;
    }

    /** Validates each value as it is set; the message quotes the bad value. */
    public static final class Builder {
        private int priority;
        private final List<Condition> conditions = new ArrayList<>();
        private final List<WeightedTarget> targets = new ArrayList<>();

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public Builder when(Condition condition) {
            if (conditions.size() == MAX_CONDITIONS) {
                throw new IllegalArgumentException("a rule has at most " + MAX_CONDITIONS + " conditions; '" + condition + "' is one too many");
            }
            conditions.add(java.util.Objects.requireNonNull(condition, "condition"));
            return this;
        }

        public Builder to(String target) {
            return to(target, 1);
        }

        public Builder to(String target, int weight) {
            if (targets.size() == MAX_TARGETS) {
                throw new IllegalArgumentException("a rule has at most " + MAX_TARGETS + " targets; '" + target + "' is one too many");
            }
            targets.add(new WeightedTarget(target, weight));
            return this;
        }

        public Rule build() {
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("rule '" + conditions + "' has no target");
            }
            long total = 0;
            for (WeightedTarget t : targets) {
                total += t.weight();
            }
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("total weight " + total + " exceeds " + Integer.MAX_VALUE);
            }
            return new Rule(priority, List.copyOf(conditions), List.copyOf(targets));
        }
    }
}
