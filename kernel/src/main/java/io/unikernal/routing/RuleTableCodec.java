package io.unikernal.routing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The binary form of a {@link RuleTable} that a native engine loads (little-endian). Rules are
 * written in evaluation order, fields by slot; the reader must validate every count and index.
 *
 * <pre>
 * "UKRT" u32 version(1)
 * u32 targetCount, i32 defaultTarget, i32 weightKeySlot
 * u32 fieldCount, field x n: u8 source(0 header, 1 body), u32 segments, (u32 len, utf8) x segments
 * u32 ruleCount, rule x n:
 *   i32 priority, u32 conditions, condition x n:
 *     u8 kind (ConditionKind ordinal), u32 slot,
 *     EQUALS|PREFIX|GLOB: u32 len, utf8;  RANGE: f64 min, f64 max;  IN: u32 n, (u32 len, utf8) x n
 *   u32 targets, (u32 targetIndex, u32 weight) x n
 * </pre>
 */
public final class RuleTableCodec {
    public static final int MAGIC = 0x54524B55; // "UKRT" read as little-endian
    public static final int VERSION = 1;

    private RuleTableCodec() {
    }

    public static byte[] encode(RuleTable table) {
        Out out = new Out();
        out.i32(MAGIC).i32(VERSION);
        List<FieldRef> fields = table.fields();
        out.i32(table.targets().size()).i32(table.defaultTarget())
                .i32(table.weightKey() == null ? -1 : fields.indexOf(table.weightKey()));
        out.i32(fields.size());
        for (FieldRef f : fields) {
            out.u8(f.source() == FieldRef.Source.HEADER ? 0 : 1).i32(f.path().size());
            for (String seg : f.path()) {
                out.str(seg);
            }
        }
        out.i32(table.rules().size());
        for (Rule r : table.rules()) {
            out.i32(r.priority()).i32(r.conditions().size());
            for (Condition c : r.conditions()) {
                out.u8(c.kind().ordinal()).i32(fields.indexOf(c.field()));
                switch (c.kind()) {
                    case RANGE -> out.f64(c.min()).f64(c.max());
                    case IN -> {
                        out.i32(c.values().size());
                        for (String v : c.values()) {
                            out.str(v);
                        }
                    }
                    default -> out.str(c.text());
                }
            }
            out.i32(r.targets().size());
            for (WeightedTarget t : r.targets()) {
                out.i32(table.targetIndex(t.target())).i32(t.weight());
            }
        }
        return out.toByteArray();
    }

    private static final class Out extends ByteArrayOutputStream {
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        Out u8(int v) {
            write(v);
            return this;
        }

        Out i32(int v) {
            write(scratch.putInt(0, v).array(), 0, 4);
            return this;
        }

        Out f64(double v) {
            write(scratch.putDouble(0, v).array(), 0, 8);
            return this;
        }

        Out str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i32(b.length);
            write(b, 0, b.length);
            return this;
        }
    }
}
