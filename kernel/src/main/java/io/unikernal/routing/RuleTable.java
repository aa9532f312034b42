package io.unikernal.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A compiled, immutable routing table: named targets (a decision is a target's index), rules in
 * evaluation order, an optional default target and an optional weight key.
 *
 * <p>Weighted choice: {@code bucket = (murmur2(key) & 0x7fffffff) % totalWeight}, and the first target
 * whose cumulative weight exceeds {@code bucket} is chosen. The key is the text of the weight-key
 * field; without one, or when the field has no text, it is the raw body bytes. murmur2 is Kafka's
 * (seed {@code 0x9747b28c}), so the same key always picks the same target, in Java and in Rust.
 */
public final class RuleTable {
    public static final int MAX_RULES = 4096;
    public static final int MAX_FIELDS = 64;
    public static final int MAX_TARGETS = 65_535;

    private final List<String> targets;
    private final List<Rule> rules;
    private final int defaultTarget;
    private final FieldRef weightKey;
    private final List<FieldRef> fields;

    private RuleTable(List<String> targets, List<Rule> rules, int defaultTarget, FieldRef weightKey, List<FieldRef> fields) {
        this.targets = targets;
        this.rules = rules;
        this.defaultTarget = defaultTarget;
        this.weightKey = weightKey;
        this.fields = fields;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Target names; a decision is an index into this list. */
    public List<String> targets() {
        return targets;
    }

    /** Rules in evaluation order: priority descending, then declaration order. */
    public List<Rule> rules() {
        return rules;
    }

    /** The target index when no rule matches, or {@link RoutingEngine#NO_MATCH}. */
    public int defaultTarget() {
        return defaultTarget;
    }

    /** The field whose text keys weighted choices; null means the raw body. */
    public FieldRef weightKey() {
        return weightKey;
    }

    /** Every distinct field the table reads, in first-use order (the weight key included). */
    public List<FieldRef> fields() {
        return fields;
    }

    public int targetIndex(String name) {
        int i = targets.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown target '" + name + "'");
        }
        return i;
    }

    @Override
    public String toString() {
        return "RuleTable" + rules + " default " + (defaultTarget < 0 ? "none" : targets.get(defaultTarget));
    }

    /** Validates each value as it is set; the message quotes the bad value. */
    public static final class Builder {
        private final Map<String, Integer> targets = new LinkedHashMap<>();
        private final List<Rule> rules = new ArrayList<>();
        private String defaultTarget;
        private FieldRef weightKey;

        /** Declares a target up front, fixing its index (targets otherwise get indexes in first-use order). */
        public Builder target(String name) {
            register(name);
            return this;
        }

        public Builder rule(Rule rule) {
            if (rules.size() == MAX_RULES) {
                throw new IllegalArgumentException("a table has at most " + MAX_RULES + " rules; '" + rule + "' is one too many");
            }
            rules.add(Objects.requireNonNull(rule, "rule"));
            for (WeightedTarget t : rule.targets()) {
                register(t.target());
            }
            return this;
        }

        public Builder rule(Consumer<Rule.Builder> spec) {
            Rule.Builder b = Rule.builder();
            spec.accept(b);
            return rule(b.build());
        }

        public Builder defaultTarget(String name) {
            register(name);
            this.defaultTarget = name;
            return this;
        }

        public Builder weightKey(FieldRef field) {
            this.weightKey = field;
            return this;
        }

        private void register(String name) {
            Objects.requireNonNull(name, "target");
            if (name.isBlank()) {
                throw new IllegalArgumentException("target name '" + name + "' is blank");
            }
            if (!targets.containsKey(name)) {
                if (targets.size() == MAX_TARGETS) {
                    throw new IllegalArgumentException("a table has at most " + MAX_TARGETS + " targets; '" + name + "' is one too many");
                }
                targets.put(name, targets.size());
            }
        }

        public RuleTable build() {
            List<Rule> ordered = new ArrayList<>(rules);
            ordered.sort(Comparator.comparingInt(Rule::priority).reversed()); // stable: ties keep declaration order
            LinkedHashMap<FieldRef, Boolean> fields = new LinkedHashMap<>();
            for (Rule r : ordered) {
                for (Condition c : r.conditions()) {
                    fields.put(c.field(), Boolean.TRUE);
                }
            }
            if (weightKey != null) {
                fields.put(weightKey, Boolean.TRUE);
            }
            if (fields.size() > MAX_FIELDS) {
                throw new IllegalArgumentException("a table reads at most " + MAX_FIELDS + " distinct fields, got " + fields.size());
            }
            int def = defaultTarget == null ? RoutingEngine.NO_MATCH : targets.get(defaultTarget);
            return new RuleTable(List.copyOf(targets.keySet()), List.copyOf(ordered), def, weightKey,
                    List.copyOf(fields.keySet()));
        }
    }
}
