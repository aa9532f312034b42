package io.unikernal.routing.internal;

import io.unikernal.routing.Condition;
import io.unikernal.routing.ConditionKind;
import io.unikernal.routing.FieldRef;
import io.unikernal.routing.MessageBatch;
import io.unikernal.routing.Rule;
import io.unikernal.routing.RoutingEngine;
import io.unikernal.routing.RuleTable;
import io.unikernal.routing.WeightedTarget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RuleTable} flattened into arrays for the Java engine: each field gets a slot, each
 * condition a kind, slot and operand. Evaluating a message allocates nothing.
 */
public final class CompiledTable {
    private static final ThreadLocal<Slots> SCRATCH = ThreadLocal.withInitial(Slots::new);

    private final int slotCount;
    private final byte[][] headerNames;
    private final int[] headerSlots;
    private final PathNode bodyPaths;
    private final boolean hasBodyFields;
    private final int weightSlot;
    private final int defaultTarget;

    private final int[] ruleCondStart;
    private final byte[] condKind;
    private final int[] condSlot;
    private final byte[][] condText;
    private final double[] condMin;
    private final double[] condMax;
    private final ByteSet[] condSet;
    private final int[][] ruleTargets;
    private final int[][] ruleCumWeights;

    public CompiledTable(RuleTable table) {
        List<FieldRef> fields = table.fields();
        slotCount = fields.size();
        List<byte[]> hn = new ArrayList<>();
        List<Integer> hs = new ArrayList<>();
        List<List<String>> paths = new ArrayList<>();
        List<Integer> ps = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            FieldRef f = fields.get(i);
            if (f.source() == FieldRef.Source.HEADER) {
                hn.add(f.path().get(0).getBytes(StandardCharsets.UTF_8));
                hs.add(i);
            } else {
                paths.add(f.path());
                ps.add(i);
            }
        }
        headerNames = hn.toArray(new byte[0][]);
        headerSlots = hs.stream().mapToInt(Integer::intValue).toArray();
        bodyPaths = PathNode.of(paths, ps);
        hasBodyFields = !paths.isEmpty();
        weightSlot = table.weightKey() == null ? -1 : fields.indexOf(table.weightKey());
        defaultTarget = table.defaultTarget();

        List<Rule> rules = table.rules();
        int conds = rules.stream().mapToInt(r -> r.conditions().size()).sum();
        ruleCondStart = new int[rules.size() + 1];
        condKind = new byte[conds];
        condSlot = new int[conds];
        condText = new byte[conds][];
        condMin = new double[conds];
        condMax = new double[conds];
        condSet = new ByteSet[conds];
        ruleTargets = new int[rules.size()][];
        ruleCumWeights = new int[rules.size()][];
        int c = 0;
        for (int r = 0; r < rules.size(); r++) {
            Rule rule = rules.get(r);
            ruleCondStart[r] = c;
            for (Condition cond : rule.conditions()) {
                condKind[c] = (byte) cond.kind().ordinal();
                condSlot[c] = fields.indexOf(cond.field());
                if (cond.text() != null) {
                    condText[c] = cond.text().getBytes(StandardCharsets.UTF_8);
                }
                condMin[c] = cond.min();
                condMax[c] = cond.max();
                if (cond.kind() == ConditionKind.IN) {
                    condSet[c] = new ByteSet(cond.values());
                }
                c++;
            }
            List<WeightedTarget> ts = rule.targets();
            ruleTargets[r] = new int[ts.size()];
            ruleCumWeights[r] = new int[ts.size()];
            int cum = 0;
            for (int t = 0; t < ts.size(); t++) {
                ruleTargets[r][t] = table.targetIndex(ts.get(t).target());
                cum += ts.get(t).weight();
                ruleCumWeights[r][t] = cum;
            }
        }
        ruleCondStart[rules.size()] = c;
    }

    /** Decides one encoded message read straight from its array. */
    public int decide(byte[] message, int length) {
        return decide(message, 0, length, SCRATCH.get());
    }

    public void decideBatch(MessageBatch batch, int[] out) {
        if (out.length < batch.size()) {
            throw new IllegalArgumentException("output array has " + out.length + " slots for " + batch.size() + " messages");
        }
        Slots slots = SCRATCH.get();
        int n = batch.size();
        byte[] data = BatchCopy.of(batch, slots);
        int start = batch.offset(0);
        for (int i = 0; i < n; i++) {
            int end = batch.offset(i + 1);
            if (start < 0 || end < start || end > batch.endOffset()) {
                throw new IllegalArgumentException("malformed batch: message " + i + " spans [" + start + ", " + end + ")");
            }
            out[i] = decide(data, start, end, slots);
            start = end;
        }
    }

    private int decide(byte[] b, int ms, int me, Slots slots) {
        slots.reset(slotCount);
        int bodyStart = Framing.readHeaders(b, ms, me, headerNames, headerSlots, slots);
        // the body is parsed (and so validated) only when the table reads a body field
        if (hasBodyFields && !JsonScanner.scanObjectBody(b, bodyStart, me, bodyPaths, slots)) {
            return RoutingEngine.MALFORMED;
        }
        int rules = ruleTargets.length;
        for (int r = 0; r < rules; r++) {
            if (matches(r, slots)) {
                return choose(r, b, bodyStart, me, slots);
            }
        }
        return defaultTarget;
    }

    private boolean matches(int r, Slots slots) {
        int end = ruleCondStart[r + 1];
        for (int c = ruleCondStart[r]; c < end; c++) {
            if (!test(c, slots)) {
                return false;
            }
        }
        return true;
    }

    private boolean test(int c, Slots slots) {
        int slot = condSlot[c];
        if (condKind[c] == 3) { // RANGE
            if (!hasNumber(slot, slots)) {
                return false;
            }
            double v = slots.num[slot];
            return v >= condMin[c] && v <= condMax[c];
        }
        if (!slots.hasText(slot)) {
            return false;
        }
        byte[] b = slots.buf[slot];
        int s = slots.start[slot];
        int e = slots.end[slot];
        return switch (condKind[c]) {
            case 0 -> Text.equalsText(b, s, e, condText[c]);
            case 1 -> Text.startsWith(b, s, e, condText[c]);
            case 2 -> Text.glob(b, s, e, condText[c]);
            default -> condSet[c].contains(b, s, e);
        };
    }

    private static boolean hasNumber(int slot, Slots slots) {
        byte state = slots.numState[slot];
        if (state == 0) {
            byte k = slots.kind[slot];
            byte[] b = slots.buf[slot];
            int s = slots.start[slot];
            int e = slots.end[slot];
            if (k == JsonScanner.NUMBER || (k == JsonScanner.HEADER && JsonScanner.isNumber(b, s, e))) {
                slots.num[slot] = JsonScanner.parseNumber(b, s, e);
                state = 1;
            } else {
                state = 2;
            }
            slots.numState[slot] = state;
        }
        return state == 1;
    }

    private int choose(int r, byte[] b, int bodyStart, int me, Slots slots) {
        int[] targets = ruleTargets[r];
        if (targets.length == 1) {
            return targets[0];
        }
        int h;
        if (weightSlot >= 0 && slots.hasText(weightSlot)) {
            h = Murmur2.hash(slots.buf[weightSlot], slots.start[weightSlot], slots.end[weightSlot]);
        } else {
            h = Murmur2.hash(b, bodyStart, me);
        }
        int[] cum = ruleCumWeights[r];
        int bucket = (h & 0x7fffffff) % cum[cum.length - 1];
        for (int t = 0; t < cum.length; t++) {
            if (bucket < cum[t]) {
                return targets[t];
            }
        }
        throw new AssertionError("bucket beyond total weight");
    }
}
