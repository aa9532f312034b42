package io.unikernal.udm;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary form of a UDM message: the 4-byte prefix {@code 'U' 'D' 'M' 0x09} (binary format 9) followed by one protobuf
 * {@code UdmEnvelope} in standard wire format ({@code unikernal/udm/v8/udm.proto}, shipped in this jar and shown in
 * {@code docs/udm.md}). Written and read with protobuf-java's {@link CodedOutputStream}/{@link CodedInputStream},
 * without generated classes: a generic tree needs none, and skipping their objects is what makes it fast.
 *
 * <p>Format 9 writes every member name once, in the envelope's key table, and objects as packed key indexes with
 * their values; decimals whose unscaled value fits 64 bits as (unscaled, scale). The reader also reads format 8
 * (names inline, decimals as text): the two differ only in fields format 8 does not have.
 *
 * <p>Every body type keeps its Java type across a round trip: {@code Long} (sint64), {@code Double} (double),
 * {@code BigDecimal} (exact value and scale), and object member order. Unknown fields are skipped, so newer writers
 * can add fields. Thread-safe.
 */
public final class UdmBinaryCodec {
    /** The prefix of every binary UDM message this codec writes: "UDM" and the binary format 9. */
    static final byte[] MAGIC = {'U', 'D', 'M', 9};
    /** The earlier format, still read. */
    static final byte FORMAT_8 = 8;

    // UdmEnvelope
    static final int ENV_ID = 1, ENV_SOURCE = 2, ENV_SCHEMA_NAME = 3, ENV_SCHEMA_VERSION = 4, ENV_CREATED_AT = 5,
            ENV_HEADERS = 6, ENV_BODY = 7, ENV_KEYS = 8;
    // google.protobuf.Timestamp
    static final int TS_SECONDS = 1, TS_NANOS = 2;
    // map<string,string> entry
    static final int ENTRY_KEY = 1, ENTRY_VALUE = 2;
    // UdmValue oneof
    static final int V_NULL = 1, V_BOOL = 2, V_INT = 3, V_DOUBLE = 4, V_DECIMAL = 5, V_STRING = 6, V_OBJECT = 7,
            V_ARRAY = 8, V_SMALL_DECIMAL = 9;
    // UdmObject (format 8: members; format 9: keys + values) / UdmMember / UdmArray / UdmDecimal
    static final int OBJ_MEMBERS = 1, OBJ_KEYS = 2, OBJ_VALUES = 3, MEMBER_NAME = 1, MEMBER_VALUE = 2,
            ARR_VALUES = 1, DEC_UNSCALED = 1, DEC_SCALE = 2;

    private static final int MAX_DEPTH = 100;

    /** Encodes the message: magic prefix plus a {@code UdmEnvelope}. */
    public byte[] encode(UdmMessage m) {
        Tape tape = TAPES.get();
        try {
            return encode(m, tape);
        } finally {
            tape.clear();
        }
    }

    private static byte[] encode(UdmMessage m, Tape tape) {
        tape.add(m.body(), ENV_BODY, -1);
        int tsSize = timestampSize(m.createdAt());
        int size = CodedOutputStream.computeStringSize(ENV_ID, m.correlationId())
                + CodedOutputStream.computeStringSize(ENV_SOURCE, m.source())
                + (m.schema() == null ? 0 : CodedOutputStream.computeStringSize(ENV_SCHEMA_NAME, m.schema())
                        + CodedOutputStream.computeUInt32Size(ENV_SCHEMA_VERSION, m.schemaVersion()))
                + nestedSize(ENV_CREATED_AT, tsSize)
                + tape.keysSize()
                + nestedSize(ENV_BODY, tape.size[0]);
        for (Map.Entry<String, String> h : m.headers().entrySet()) {
            size += nestedSize(ENV_HEADERS, entrySize(h));
        }
        byte[] out = Arrays.copyOf(MAGIC, MAGIC.length + size);
        CodedOutputStream cos = CodedOutputStream.newInstance(out, MAGIC.length, size);
        try {
            cos.writeString(ENV_ID, m.correlationId());
            cos.writeString(ENV_SOURCE, m.source());
            if (m.schema() != null) {
                cos.writeString(ENV_SCHEMA_NAME, m.schema());
                cos.writeUInt32(ENV_SCHEMA_VERSION, m.schemaVersion());
            }
            startNested(cos, ENV_CREATED_AT, tsSize);
            writeTimestamp(cos, m.createdAt());
            for (Map.Entry<String, String> h : m.headers().entrySet()) {
                startNested(cos, ENV_HEADERS, entrySize(h));
                cos.writeString(ENTRY_KEY, h.getKey());
                cos.writeString(ENTRY_VALUE, h.getValue());
            }
            tape.writeKeys(cos); // before the body, so a reader knows the names when it meets the objects
            tape.write(cos);
            cos.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("size computation and writing disagree", e);
        }
        return out;
    }

    /**
     * Decodes bytes written by {@link #encode(UdmMessage)}, or by an earlier version in format 8.
     *
     * @throws UdmCodecException when the prefix is wrong or the protobuf data is malformed, with the byte offset
     */
    public UdmMessage decode(byte[] bytes) {
        if (bytes.length < MAGIC.length || bytes[0] != 'U' || bytes[1] != 'D' || bytes[2] != 'M'
                || (bytes[3] != MAGIC[3] && bytes[3] != FORMAT_8)) {
            throw new UdmCodecException("not binary UDM: expected prefix 'UDM' 0x09 (or 0x08), found "
                    + describe(Arrays.copyOf(bytes, Math.min(bytes.length, MAGIC.length))));
        }
        CodedInputStream in = CodedInputStream.newInstance(bytes, MAGIC.length, bytes.length - MAGIC.length);
        try {
            return readEnvelope(bytes, in);
        } catch (InvalidProtocolBufferException e) {
            throw new UdmCodecException("malformed binary UDM at byte " + (MAGIC.length + in.getTotalBytesRead())
                    + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UdmCodecException("invalid binary UDM envelope: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UdmCodecException("malformed binary UDM: " + e.getMessage(), e);
        }
    }

    private static String describe(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x ", x));
        }
        return b.length == 0 ? "empty input" : s.toString().trim();
    }

    // ---- write: a first pass lays the body out on a tape, in the order it is written, with every size, key index
    // and string's bytes; the second pass writes the tape front to back without walking the maps again (their
    // iterators, behind unmodifiable views, cost more than the writing)

    /** One tape per thread, kept between messages: growing ten arrays for every message cost as much as the rest. */
    private static final ThreadLocal<Tape> TAPES = ThreadLocal.withInitial(Tape::new);

    private static final class Tape {
        private static final int LEAF = 0, OBJECT = 1, ARRAY = 2;

        private int n;
        private Object[] value = new Object[32];
        private int[] kind = new int[32];
        private int[] wrapper = new int[32];   // the field the value is framed in: body, object value, array item
        private int[] size = new int[32];      // the UdmValue message's size
        private int[] inner = new int[32];     // an object's or array's content size
        private int[] keysSize = new int[32];  // an object's packed key block
        private int[] key = new int[32];       // a member's key index, -1 for others
        private int[] next = new int[32];      // the next member or item of the same container, -1 for the last
        private byte[][] bytes = new byte[32][];
        private long[] unscaled = new long[32];

        private final Map<String, Integer> keyIndex = new HashMap<>();
        private final List<byte[]> keys = new ArrayList<>();

        // per open container, innermost last: the previous child, the key block's and the content's size so far
        private int depth = -1;
        private int[] previous = new int[8];
        private int[] keysSoFar = new int[8];
        private int[] contentSoFar = new int[8];

        private final java.util.function.BiConsumer<Object, Object> member = (name, member) -> {
            int keyAt = key((String) name);
            int child = add(member, OBJ_VALUES, keyAt);
            link(child);
            keysSoFar[depth] += CodedOutputStream.computeUInt32SizeNoTag(keyAt);
            contentSoFar[depth] += nestedSize(OBJ_VALUES, size[child]);
        };

        private final java.util.function.Consumer<Object> item = value -> {
            int child = add(value, ARR_VALUES, -1);
            link(child);
            contentSoFar[depth] += nestedSize(ARR_VALUES, size[child]);
        };

        private void link(int child) {
            if (previous[depth] >= 0) {
                next[previous[depth]] = child;
            }
            previous[depth] = child;
        }

        /** Forgets the message (its values and bytes are not kept alive by the thread's tape). */
        void clear() {
            Arrays.fill(value, 0, n, null);
            Arrays.fill(bytes, 0, n, null);
            n = 0;
            depth = -1;
            keyIndex.clear();
            keys.clear();
        }

        /** Lays {@code v} and everything in it out on the tape; answers its entry. */
        int add(Object v, int wrapperField, int keyAt) {
            int i = n++;
            if (i == value.length) {
                grow();
            }
            value[i] = v;
            wrapper[i] = wrapperField;
            key[i] = keyAt;
            next[i] = -1;
            kind[i] = LEAF;
            if (v == null) {
                size[i] = CodedOutputStream.computeEnumSize(V_NULL, 0);
            } else if (v instanceof Boolean b) {
                size[i] = CodedOutputStream.computeBoolSize(V_BOOL, b);
            } else if (v instanceof Long l) {
                size[i] = CodedOutputStream.computeSInt64Size(V_INT, l);
            } else if (v instanceof Double d) {
                size[i] = CodedOutputStream.computeDoubleSize(V_DOUBLE, d);
            } else if (v instanceof String s) {
                bytes[i] = s.getBytes(StandardCharsets.UTF_8);
                size[i] = delimitedSize(V_STRING, bytes[i].length);
            } else if (v instanceof BigDecimal bd) {
                BigInteger u = bd.unscaledValue();
                if (u.bitLength() < 64) {
                    unscaled[i] = u.longValue();
                    bytes[i] = null;
                    size[i] = nestedSize(V_SMALL_DECIMAL, decimalSize(unscaled[i], bd.scale()));
                } else {
                    bytes[i] = bd.toString().getBytes(StandardCharsets.US_ASCII);
                    size[i] = delimitedSize(V_DECIMAL, bytes[i].length);
                }
            } else if (v instanceof Map<?, ?> map) {
                kind[i] = OBJECT;
                open();
                map.forEach(member);
                keysSize[i] = keysSoFar[depth];
                inner[i] = contentSoFar[depth] + (keysSize[i] == 0 ? 0 : nestedSize(OBJ_KEYS, keysSize[i]));
                depth--;
                size[i] = nestedSize(V_OBJECT, inner[i]);
            } else if (v instanceof List<?> list) {
                kind[i] = ARRAY;
                open();
                list.forEach(item);
                inner[i] = contentSoFar[depth];
                depth--;
                size[i] = nestedSize(V_ARRAY, inner[i]);
            } else {
                throw new IllegalStateException("not a UDM value: " + v.getClass()); // UdmMessage normalised it
            }
            return i;
        }

        private void open() {
            depth++;
            if (depth == previous.length) {
                previous = Arrays.copyOf(previous, depth * 2);
                keysSoFar = Arrays.copyOf(keysSoFar, depth * 2);
                contentSoFar = Arrays.copyOf(contentSoFar, depth * 2);
            }
            previous[depth] = -1;
            keysSoFar[depth] = 0;
            contentSoFar[depth] = 0;
        }

        private void grow() {
            int length = value.length * 2;
            value = Arrays.copyOf(value, length);
            kind = Arrays.copyOf(kind, length);
            wrapper = Arrays.copyOf(wrapper, length);
            size = Arrays.copyOf(size, length);
            inner = Arrays.copyOf(inner, length);
            keysSize = Arrays.copyOf(keysSize, length);
            key = Arrays.copyOf(key, length);
            next = Arrays.copyOf(next, length);
            bytes = Arrays.copyOf(bytes, length);
            unscaled = Arrays.copyOf(unscaled, length);
        }

        /** The name's index in the key table, added at its first use. */
        private int key(String name) {
            Integer index = keyIndex.get(name);
            if (index == null) {
                index = keys.size();
                keyIndex.put(name, index);
                keys.add(name.getBytes(StandardCharsets.UTF_8));
            }
            return index;
        }

        int keysSize() {
            int total = 0;
            for (byte[] k : keys) {
                total += delimitedSize(ENV_KEYS, k.length);
            }
            return total;
        }

        void writeKeys(CodedOutputStream cos) throws IOException {
            for (byte[] k : keys) {
                writeBytes(cos, ENV_KEYS, k);
            }
        }

        /** Writes the body: the tape is in pre-order, so each entry's frame comes right before its children. */
        void write(CodedOutputStream cos) throws IOException {
            for (int i = 0; i < n; i++) {
                startNested(cos, wrapper[i], size[i]);
                Object v = value[i];
                switch (kind[i]) {
                    case OBJECT -> {
                        startNested(cos, V_OBJECT, inner[i]);
                        if (keysSize[i] > 0) {
                            startNested(cos, OBJ_KEYS, keysSize[i]);
                            for (int c = i + 1; c >= 0; c = next[c]) {
                                cos.writeUInt32NoTag(key[c]);
                            }
                        }
                    }
                    case ARRAY -> startNested(cos, V_ARRAY, inner[i]);
                    default -> writeLeaf(cos, i, v);
                }
            }
        }

        private void writeLeaf(CodedOutputStream cos, int i, Object v) throws IOException {
            if (v == null) {
                cos.writeEnum(V_NULL, 0);
            } else if (v instanceof Boolean b) {
                cos.writeBool(V_BOOL, b);
            } else if (v instanceof Long l) {
                cos.writeSInt64(V_INT, l);
            } else if (v instanceof Double d) {
                cos.writeDouble(V_DOUBLE, d);
            } else if (v instanceof String) {
                writeBytes(cos, V_STRING, bytes[i]);
            } else if (bytes[i] == null) { // a decimal of 64 bits or fewer
                BigDecimal bd = (BigDecimal) v;
                startNested(cos, V_SMALL_DECIMAL, decimalSize(unscaled[i], bd.scale()));
                cos.writeSInt64(DEC_UNSCALED, unscaled[i]);
                cos.writeSInt32(DEC_SCALE, bd.scale());
            } else {
                writeBytes(cos, V_DECIMAL, bytes[i]);
            }
        }
    }

    private static int decimalSize(long unscaled, int scale) {
        return CodedOutputStream.computeSInt64Size(DEC_UNSCALED, unscaled)
                + CodedOutputStream.computeSInt32Size(DEC_SCALE, scale);
    }

    private static int delimitedSize(int field, int length) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
    }

    private static int nestedSize(int field, int size) {
        return delimitedSize(field, size);
    }

    private static void startNested(CodedOutputStream cos, int field, int size) throws IOException {
        cos.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        cos.writeUInt32NoTag(size);
    }

    private static void writeBytes(CodedOutputStream cos, int field, byte[] utf8) throws IOException {
        startNested(cos, field, utf8.length);
        cos.writeRawBytes(utf8);
    }

    private static int entrySize(Map.Entry<String, String> h) {
        return CodedOutputStream.computeStringSize(ENTRY_KEY, h.getKey())
                + CodedOutputStream.computeStringSize(ENTRY_VALUE, h.getValue());
    }

    private static int timestampSize(Instant t) {
        return CodedOutputStream.computeInt64Size(TS_SECONDS, t.getEpochSecond())
                + CodedOutputStream.computeInt32Size(TS_NANOS, t.getNano());
    }

    private static void writeTimestamp(CodedOutputStream cos, Instant t) throws IOException {
        cos.writeInt64(TS_SECONDS, t.getEpochSecond());
        cos.writeInt32(TS_NANOS, t.getNano());
    }

    // ---- read

    private static UdmMessage readEnvelope(byte[] bytes, CodedInputStream in) throws IOException {
        String id = null;
        String source = null;
        String schema = null;
        int version = 0;
        Instant createdAt = null;
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        int bodyStart = -1;
        int bodyLength = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case ENV_ID -> id = in.readString();
                case ENV_SOURCE -> source = in.readString();
                case ENV_SCHEMA_NAME -> schema = in.readString();
                case ENV_SCHEMA_VERSION -> version = in.readUInt32();
                case ENV_CREATED_AT -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    createdAt = readTimestamp(in);
                    in.popLimit(limit);
                }
                case ENV_HEADERS -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    readHeader(in, headers);
                    in.popLimit(limit);
                }
                case ENV_KEYS -> keys.add(in.readString());
                case ENV_BODY -> {
                    // read last: a writer may put the key table after the body (protoc's classes write by number)
                    bodyLength = in.readRawVarint32();
                    bodyStart = MAGIC.length + in.getTotalBytesRead();
                    in.skipRawBytes(bodyLength);
                }
                default -> in.skipField(tag);
            }
        }
        if (bodyStart < 0) {
            throw new IllegalArgumentException("envelope has no body (field " + ENV_BODY + ")");
        }
        Reader reader = new Reader(keys.toArray(new String[0]));
        CodedInputStream body = CodedInputStream.newInstance(bytes, bodyStart, bodyLength);
        Object value;
        try {
            value = reader.value(body, 0);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidProtocolBufferException("in the body, at byte " + (bodyStart + body.getTotalBytesRead())
                    + ": " + e.getMessage());
        }
        UdmMessage.Builder b = UdmMessage.builder().decodedBody(value).headers(headers).correlationId(id)
                .createdAt(createdAt);
        if (source != null) {
            b.source(source);
        }
        if (schema != null || version != 0) {
            b.schema(schema, version);
        }
        return b.build();
    }

    private static Instant readTimestamp(CodedInputStream in) throws IOException {
        long seconds = 0;
        int nanos = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case TS_SECONDS -> seconds = in.readInt64();
                case TS_NANOS -> nanos = in.readInt32();
                default -> in.skipField(tag);
            }
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static void readHeader(CodedInputStream in, Map<String, String> headers) throws IOException {
        String key = "";
        String value = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case ENTRY_KEY -> key = in.readString();
                case ENTRY_VALUE -> value = in.readString();
                default -> in.skipField(tag);
            }
        }
        headers.put(key, value);
    }

    /** Reads a body's values against the envelope's key table (empty for format 8). */
    private static final class Reader {
        private final String[] keys;

        Reader(String[] keys) {
            this.keys = keys;
        }

        /** Reads one UdmValue message up to the current limit; an empty message (no field set) is null. */
        Object value(CodedInputStream in, int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw new InvalidProtocolBufferException("body nests deeper than " + MAX_DEPTH + " levels");
            }
            Object value = null;
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case V_NULL -> {
                        in.readEnum();
                        value = null;
                    }
                    case V_BOOL -> value = in.readBool();
                    case V_INT -> value = in.readSInt64();
                    case V_DOUBLE -> value = in.readDouble();
                    case V_DECIMAL -> {
                        String text = in.readString();
                        try {
                            value = new BigDecimal(text);
                        } catch (NumberFormatException e) {
                            throw new InvalidProtocolBufferException("decimal value '" + text + "' is not a number");
                        }
                    }
                    case V_SMALL_DECIMAL -> {
                        int limit = in.pushLimit(in.readRawVarint32());
                        value = smallDecimal(in);
                        in.popLimit(limit);
                    }
                    case V_STRING -> value = in.readString();
                    case V_OBJECT -> {
                        int limit = in.pushLimit(in.readRawVarint32());
                        value = object(in, depth);
                        in.popLimit(limit);
                    }
                    case V_ARRAY -> {
                        int limit = in.pushLimit(in.readRawVarint32());
                        value = array(in, depth);
                        in.popLimit(limit);
                    }
                    default -> in.skipField(tag);
                }
            }
            return value;
        }

        private static BigDecimal smallDecimal(CodedInputStream in) throws IOException {
            long unscaled = 0;
            int scale = 0;
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case DEC_UNSCALED -> unscaled = in.readSInt64();
                    case DEC_SCALE -> scale = in.readSInt32();
                    default -> in.skipField(tag);
                }
            }
            return BigDecimal.valueOf(unscaled, scale);
        }

        /**
         * An object: format 9's packed key indexes with their values (the keys come first as this codec and protoc
         * write them; values met before their keys are paired at the end), or format 8's members with inline names.
         */
        private Map<String, Object> object(CodedInputStream in, int depth) throws IOException {
            Map<String, Object> map = new LinkedHashMap<>();
            int[] indexes = new int[8];
            int keyCount = 0;
            int valueCount = 0;
            List<Object> early = null;
            int firstEarly = 0;
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case OBJ_KEYS -> {
                        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                            int limit = in.pushLimit(in.readRawVarint32());
                            while (in.getBytesUntilLimit() > 0) {
                                indexes = add(indexes, keyCount++, in.readUInt32());
                            }
                            in.popLimit(limit);
                        } else { // a writer may send a packed field unpacked: readers must take both
                            indexes = add(indexes, keyCount++, in.readUInt32());
                        }
                    }
                    case OBJ_VALUES -> {
                        int limit = in.pushLimit(in.readRawVarint32());
                        Object value = value(in, depth + 1);
                        in.popLimit(limit);
                        if (early == null && valueCount < keyCount) {
                            map.put(key(indexes[valueCount]), value);
                        } else {
                            if (early == null) {
                                early = new ArrayList<>();
                                firstEarly = valueCount;
                            }
                            early.add(value);
                        }
                        valueCount++;
                    }
                    case OBJ_MEMBERS -> member(in, depth, map);
                    default -> in.skipField(tag);
                }
            }
            if (keyCount != valueCount) {
                throw new InvalidProtocolBufferException("an object has " + keyCount + " keys for " + valueCount
                        + " values");
            }
            if (early != null) {
                for (int i = 0; i < early.size(); i++) {
                    map.put(key(indexes[firstEarly + i]), early.get(i));
                }
            }
            return Collections.unmodifiableMap(map);
        }

        private static int[] add(int[] indexes, int at, int index) {
            int[] grown = at == indexes.length ? Arrays.copyOf(indexes, at * 2) : indexes;
            grown[at] = index;
            return grown;
        }

        private String key(int index) throws InvalidProtocolBufferException {
            if (index >= keys.length) {
                throw new InvalidProtocolBufferException("key index " + index + " is not in the envelope's "
                        + keys.length + " keys");
            }
            return keys[index];
        }

        private void member(CodedInputStream in, int depth, Map<String, Object> map) throws IOException {
            int limit = in.pushLimit(in.readRawVarint32());
            String name = "";
            Object value = null;
            int t;
            while ((t = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(t)) {
                    case MEMBER_NAME -> name = in.readString();
                    case MEMBER_VALUE -> {
                        int l = in.pushLimit(in.readRawVarint32());
                        value = value(in, depth + 1);
                        in.popLimit(l);
                    }
                    default -> in.skipField(t);
                }
            }
            in.popLimit(limit);
            map.put(name, value);
        }

        private List<Object> array(CodedInputStream in, int depth) throws IOException {
            List<Object> list = new ArrayList<>();
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (WireFormat.getTagFieldNumber(tag) != ARR_VALUES) {
                    in.skipField(tag);
                    continue;
                }
                int limit = in.pushLimit(in.readRawVarint32());
                list.add(value(in, depth + 1));
                in.popLimit(limit);
            }
            return Collections.unmodifiableList(list);
        }
    }
}
