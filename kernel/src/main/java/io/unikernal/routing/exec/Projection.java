package io.unikernal.routing.exec;

import io.unikernal.routing.FieldRef;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which body fields a projection keeps. Output per message: {@code {"a.b":<value>,...}} in this
 * order, each value's raw JSON token copied as written, missing fields left out; a malformed body
 * projects to {@code null}.
 */
public final class Projection {
    private final List<FieldRef> fields;

    private Projection(List<FieldRef> fields) {
        this.fields = fields;
    }

    public static Projection of(List<String> bodyPaths) {
        if (bodyPaths.isEmpty() || bodyPaths.size() > 64) {
            throw new IllegalArgumentException("a projection keeps 1..64 fields, got " + bodyPaths.size());
        }
        LinkedHashSet<FieldRef> set = new LinkedHashSet<>();
        for (String p : bodyPaths) {
            if (!set.add(FieldRef.body(p))) {
                throw new IllegalArgumentException("field '" + p + "' is projected twice");
            }
        }
        for (FieldRef a : set) {
            for (FieldRef b : set) {
                if (a != b && b.path().size() > a.path().size() && b.path().subList(0, a.path().size()).equals(a.path())) {
                    throw new IllegalArgumentException("field '" + b.toString().substring(5) + "' lies inside projected field '"
                            + a.toString().substring(5) + "'");
                }
            }
        }
        return new Projection(List.copyOf(new ArrayList<>(set)));
    }

    public List<FieldRef> fields() {
        return fields;
    }

    /** Upper bound of one message's output for a body of {@code bodyLength} bytes. */
    public int maxOutput(int bodyLength) {
        int keys = 0;
        for (FieldRef f : fields) {
            keys += f.toString().length() - "body.".length() + 4;
        }
        return Math.max(4, 2 + keys + bodyLength);
    }

    /** Wire form: u32 n, per field u32 segs, (u32 len, utf8)*. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer s = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        out.write(s.putInt(0, fields.size()).array(), 0, 4);
        for (FieldRef f : fields) {
            out.write(s.putInt(0, f.path().size()).array(), 0, 4);
            for (String seg : f.path()) {
                byte[] b = seg.getBytes(StandardCharsets.UTF_8);
                out.write(s.putInt(0, b.length).array(), 0, 4);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }
}
