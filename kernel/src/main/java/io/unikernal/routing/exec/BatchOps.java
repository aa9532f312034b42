package io.unikernal.routing.exec;

import io.unikernal.routing.FieldRef;
import io.unikernal.routing.MessageBatch;
import io.unikernal.routing.internal.Framing;
import io.unikernal.routing.internal.JsonScanner;
import io.unikernal.routing.internal.Murmur2;
import io.unikernal.routing.internal.PathNode;
import io.unikernal.routing.internal.Slots;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The executor's operations over a range of a batch, single-threaded and allocation-free per message. */
final class BatchOps {
    private static final byte[][] NO_HEADERS = new byte[0][];
    private static final int[] NO_SLOTS = new int[0];
    private static final ThreadLocal<Slots> SCRATCH = ThreadLocal.withInitial(Slots::new);

    private BatchOps() {
    }

    /** A compiled key: a header name or a body path in slot 0. */
    record Key(byte[][] headerNames, int[] headerSlots, PathNode body) {
        static Key of(FieldRef f) {
            if (f.source() == FieldRef.Source.HEADER) {
                return new Key(new byte[][] {f.path().get(0).getBytes(StandardCharsets.UTF_8)}, new int[] {0}, null);
            }
            return new Key(NO_HEADERS, NO_SLOTS, PathNode.of(List.of(f.path()), List.of(0)));
        }
    }

    static void partition(MessageBatch batch, byte[] b, Key key, int partitions, int[] out, int from, int to) {
        Slots slots = SCRATCH.get();
        slots.rawStrings = false;
        for (int i = from; i < to; i++) {
            int ms = batch.offset(i);
            int me = batch.offset(i + 1);
            slots.reset(1);
            int body = Framing.readHeaders(b, ms, me, key.headerNames(), key.headerSlots(), slots);
            if (key.body() != null && !JsonScanner.scanObjectBody(b, body, me, key.body(), slots)) {
                out[i] = -2;
                continue;
            }
            out[i] = slots.hasText(0) ? Murmur2.partition(slots.buf[0], slots.start[0], slots.end[0], partitions) : -1;
        }
    }

    /** A compiled projection: body paths in slots 0..n-1 and their output keys. */
    record CompiledProjection(PathNode paths, byte[][] keys) {
        static CompiledProjection of(Projection p) {
            List<List<String>> paths = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            byte[][] keys = new byte[p.fields().size()][];
            for (int i = 0; i < keys.length; i++) {
                paths.add(p.fields().get(i).path());
                ids.add(i);
                keys[i] = ("\"" + String.join(".", p.fields().get(i).path()) + "\":").getBytes(StandardCharsets.UTF_8);
            }
            return new CompiledProjection(PathNode.of(paths, ids), keys);
        }
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /** Writes message i's projection at {@code at} of {@code out}; returns the new end. */
    static int project(MessageBatch batch, byte[] b, int i, CompiledProjection p, ByteBuffer out, int at, Slots slots) {
        int ms = batch.offset(i);
        int me = batch.offset(i + 1);
        slots.reset(p.keys().length);
        int body = Framing.readHeaders(b, ms, me, NO_HEADERS, NO_SLOTS, slots);
        if (!JsonScanner.scanObjectBody(b, body, me, p.paths(), slots)) {
            out.put(at, NULL);
            return at + NULL.length;
        }
        out.put(at++, (byte) '{');
        boolean first = true;
        for (int f = 0; f < p.keys().length; f++) {
            if (slots.kind[f] == JsonScanner.MISSING) {
                continue;
            }
            if (!first) {
                out.put(at++, (byte) ',');
            }
            first = false;
            out.put(at, p.keys()[f]);
            at += p.keys()[f].length;
            int s = slots.start[f];
            int len = slots.end[f] - s;
            out.put(at, slots.buf[f], s, len);
            at += len;
        }
        out.put(at++, (byte) '}');
        return at;
    }

    static Slots rawScratch() {
        Slots s = SCRATCH.get();
        s.rawStrings = true;
        return s;
    }

    /** A compiled schema: body paths in slots 0..n-1. */
    record CompiledSchema(PathNode paths, ValidationSchema.Field[] fields) {
        static CompiledSchema of(ValidationSchema schema) {
            List<List<String>> paths = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < schema.fields().size(); i++) {
                paths.add(schema.fields().get(i).path().path());
                ids.add(i);
            }
            return new CompiledSchema(PathNode.of(paths, ids), schema.fields().toArray(new ValidationSchema.Field[0]));
        }
    }

    static void validate(MessageBatch batch, byte[] b, CompiledSchema schema, int[] out, int from, int to) {
        Slots slots = SCRATCH.get();
        slots.rawStrings = false;
        for (int i = from; i < to; i++) {
            int ms = batch.offset(i);
            int me = batch.offset(i + 1);
            slots.reset(schema.fields().length);
            int body = Framing.readHeaders(b, ms, me, NO_HEADERS, NO_SLOTS, slots);
            out[i] = JsonScanner.scanObjectBody(b, body, me, schema.paths(), slots) ? check(schema.fields(), slots) : ValidationSchema.MALFORMED;
        }
    }

    private static int check(ValidationSchema.Field[] fields, Slots slots) {
        for (int f = 0; f < fields.length; f++) {
            ValidationSchema.Field field = fields[f];
            byte k = slots.kind[f];
            ValueType type = field.type();
            if (k == JsonScanner.MISSING || (k == JsonScanner.NULL && type != ValueType.NULL && type != ValueType.ANY)) {
                if (field.required()) {
                    return (f + 1) * 8 + ValidationSchema.MISSING;
                }
                continue;
            }
            if (!typeMatches(type, k, slots, f)) {
                return (f + 1) * 8 + ValidationSchema.WRONG_TYPE;
            }
            if (k == JsonScanner.NUMBER) {
                double v = JsonScanner.parseNumber(slots.buf[f], slots.start[f], slots.end[f]);
                if (v < field.min()) {
                    return (f + 1) * 8 + ValidationSchema.BELOW_MIN;
                }
                if (v > field.max()) {
                    return (f + 1) * 8 + ValidationSchema.ABOVE_MAX;
                }
            }
            if (k == JsonScanner.STRING && field.maxLength() >= 0 && slots.end[f] - slots.start[f] > field.maxLength()) {
                return (f + 1) * 8 + ValidationSchema.TOO_LONG;
            }
        }
        return ValidationSchema.VALID;
    }

    private static boolean typeMatches(ValueType type, byte k, Slots slots, int f) {
        return switch (type) {
            case ANY -> true;
            case STRING -> k == JsonScanner.STRING;
            case NUMBER -> k == JsonScanner.NUMBER;
            case INTEGER -> k == JsonScanner.NUMBER && isIntegerToken(slots.buf[f], slots.start[f], slots.end[f]);
            case BOOLEAN -> k == JsonScanner.TRUE || k == JsonScanner.FALSE;
            case OBJECT -> k == JsonScanner.OBJECT;
            case ARRAY -> k == JsonScanner.ARRAY;
            case NULL -> k == JsonScanner.NULL;
        };
    }

    private static boolean isIntegerToken(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c == '.' || c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }
}
