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
        Plan plan = new Plan();
        int bodySize = plan.value(m.body(), 0);
        int tsSize = timestampSize(m.createdAt());
        int size = CodedOutputStream.computeStringSize(ENV_ID, m.correlationId())
                + CodedOutputStream.computeStringSize(ENV_SOURCE, m.source())
                + (m.schema() == null ? 0 : CodedOutputStream.computeStringSize(ENV_SCHEMA_NAME, m.schema())
                        + CodedOutputStream.computeUInt32Size(ENV_SCHEMA_VERSION, m.schemaVersion()))
                + nestedSize(ENV_CREATED_AT, tsSize)
                + plan.keysSize()
                + nestedSize(ENV_BODY, bodySize);
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
            plan.writeKeys(cos); // before the body, so a reader knows the names when it meets the objects
            startNested(cos, ENV_BODY, bodySize);
            plan.write(cos, m.body());
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

    // ---- write: a first pass plans sizes, key indexes and UTF-8 bytes in the order the second pass writes them

    private static final class Plan {
        private int[] sizes = new int[16];
        private int sizeCount;
        private int nextSize;
        private byte[][] strings = new byte[32][];
        private int stringCount;
        private int nextString;
        private final Map<String, Integer> keyIndex = new HashMap<>();
        private int[] keyRefs = new int[32];
        private int keyRefCount;
        private int nextKeyRef;
        private final List<byte[]> keys = new ArrayList<>();

        private int reserve() {
            if (sizeCount == sizes.length) {
                sizes = Arrays.copyOf(sizes, sizeCount * 2);
            }
            return sizeCount++;
        }

        private int take() {
            return sizes[nextSize++];
        }

        /** Remembers the string's UTF-8 bytes; answers its length-delimited size with tag {@code field}. */
        private int string(int field, String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            if (stringCount == strings.length) {
                strings = Arrays.copyOf(strings, stringCount * 2);
            }
            strings[stringCount++] = utf8;
            return delimitedSize(field, utf8.length);
        }

        /** The name's index in the key table (added at its first use), remembered for the write pass. */
        private int key(String name) {
            Integer index = keyIndex.get(name);
            if (index == null) {
                index = keys.size();
                keyIndex.put(name, index);
                keys.add(name.getBytes(StandardCharsets.UTF_8));
            }
            if (keyRefCount == keyRefs.length) {
                keyRefs = Arrays.copyOf(keyRefs, keyRefCount * 2);
            }
            keyRefs[keyRefCount++] = index;
            return index;
        }

        int keysSize() {
            int size = 0;
            for (byte[] key : keys) {
                size += delimitedSize(ENV_KEYS, key.length);
            }
            return size;
        }

        void writeKeys(CodedOutputStream cos) throws IOException {
            for (byte[] key : keys) {
                writeBytes(cos, ENV_KEYS, key);
            }
        }

        /** Size of a UdmValue message holding {@code v}. */
        int value(Object v, int depth) {
            if (v == null) {
                return CodedOutputStream.computeEnumSize(V_NULL, 0);
            } else if (v instanceof Boolean b) {
                return CodedOutputStream.computeBoolSize(V_BOOL, b);
            } else if (v instanceof Long l) {
                return CodedOutputStream.computeSInt64Size(V_INT, l);
            } else if (v instanceof Double d) {
                return CodedOutputStream.computeDoubleSize(V_DOUBLE, d);
            } else if (v instanceof BigDecimal bd) {
                BigInteger unscaled = bd.unscaledValue();
                if (unscaled.bitLength() < 64) {
                    return nestedSize(V_SMALL_DECIMAL, decimalSize(unscaled.longValue(), bd.scale()));
                }
                return string(V_DECIMAL, bd.toString());
            } else if (v instanceof String s) {
                return string(V_STRING, s);
            } else if (v instanceof Map<?, ?> map) {
                int slot = reserve();
                int keysSlot = reserve();
                int keysSize = 0;
                int size = 0;
                for (Object name : map.keySet()) { // the object's keys side by side, as they are written
                    keysSize += CodedOutputStream.computeUInt32SizeNoTag(key((String) name));
                }
                for (Object member : map.values()) {
                    int valueSlot = reserve();
                    int valueSize = value(member, depth + 1);
                    sizes[valueSlot] = valueSize;
                    size += nestedSize(OBJ_VALUES, valueSize);
                }
                sizes[keysSlot] = keysSize;
                size += keysSize == 0 ? 0 : nestedSize(OBJ_KEYS, keysSize);
                sizes[slot] = size;
                return nestedSize(V_OBJECT, size);
            } else if (v instanceof List<?> list) {
                int slot = reserve();
                int size = 0;
                for (Object o : list) {
                    int itemSlot = reserve();
                    int valueSize = value(o, depth + 1);
                    sizes[itemSlot] = valueSize;
                    size += nestedSize(ARR_VALUES, valueSize);
                }
                sizes[slot] = size;
                return nestedSize(V_ARRAY, size);
            }
            throw new IllegalStateException("not a UDM value: " + v.getClass()); // UdmMessage normalised it
        }

        void write(CodedOutputStream cos, Object v) throws IOException {
            if (v == null) {
                cos.writeEnum(V_NULL, 0);
            } else if (v instanceof Boolean b) {
                cos.writeBool(V_BOOL, b);
            } else if (v instanceof Long l) {
                cos.writeSInt64(V_INT, l);
            } else if (v instanceof Double d) {
                cos.writeDouble(V_DOUBLE, d);
            } else if (v instanceof BigDecimal bd) {
                BigInteger unscaled = bd.unscaledValue();
                if (unscaled.bitLength() < 64) {
                    long u = unscaled.longValue();
                    startNested(cos, V_SMALL_DECIMAL, decimalSize(u, bd.scale()));
                    cos.writeSInt64(DEC_UNSCALED, u);
                    cos.writeSInt32(DEC_SCALE, bd.scale());
                } else {
                    writeBytes(cos, V_DECIMAL, strings[nextString++]);
                }
            } else if (v instanceof String) {
                writeBytes(cos, V_STRING, strings[nextString++]);
            } else if (v instanceof Map<?, ?> map) {
                startNested(cos, V_OBJECT, take());
                int keysSize = take();
                if (keysSize > 0) {
                    startNested(cos, OBJ_KEYS, keysSize);
                    for (int i = map.size(); i > 0; i--) {
                        cos.writeUInt32NoTag(keyRefs[nextKeyRef++]);
                    }
                }
                for (Object value : map.values()) {
                    startNested(cos, OBJ_VALUES, take());
                    write(cos, value);
                }
            } else if (v instanceof List<?> list) {
                startNested(cos, V_ARRAY, take());
                for (Object o : list) {
                    startNested(cos, ARR_VALUES, take());
                    write(cos, o);
                }
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
