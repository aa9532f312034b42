package io.unikernal.udm;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary form of a UDM message: the 4-byte prefix {@code 'U' 'D' 'M' 0x08} followed by one protobuf
 * {@code UdmEnvelope} message in standard wire format (the {@code .proto} is in {@code docs/udm.md}). Encoded with
 * protobuf-java's {@link CodedOutputStream}; no generated classes, because the build has no protoc.
 *
 * <p>Every body type keeps its Java type across a round trip: {@code Long} (sint64), {@code Double} (double),
 * {@code BigDecimal} (its exact {@code toString} in a string field of its own), and object member order.
 * Unknown fields are skipped, so newer writers can add fields. Thread-safe.
 */
public final class UdmBinaryCodec {
    /** The prefix of every binary UDM message: "UDM" and the format version 8. */
    static final byte[] MAGIC = {'U', 'D', 'M', 8};

    // UdmEnvelope
    static final int ENV_ID = 1, ENV_SOURCE = 2, ENV_SCHEMA_NAME = 3, ENV_SCHEMA_VERSION = 4, ENV_CREATED_AT = 5,
            ENV_HEADERS = 6, ENV_BODY = 7;
    // google.protobuf.Timestamp
    static final int TS_SECONDS = 1, TS_NANOS = 2;
    // map<string,string> entry
    static final int ENTRY_KEY = 1, ENTRY_VALUE = 2;
    // UdmValue oneof
    static final int V_NULL = 1, V_BOOL = 2, V_INT = 3, V_DOUBLE = 4, V_DECIMAL = 5, V_STRING = 6, V_OBJECT = 7,
            V_ARRAY = 8;
    // UdmObject / UdmMember / UdmArray
    static final int OBJ_MEMBERS = 1, MEMBER_NAME = 1, MEMBER_VALUE = 2, ARR_VALUES = 1;

    private static final int MAX_DEPTH = 100;

    /** Encodes the message: magic prefix plus a {@code UdmEnvelope}. */
    public byte[] encode(UdmMessage m) {
        Sizes sizes = new Sizes();
        int bodySize = valueSize(m.body(), sizes);
        int tsSize = timestampSize(m.createdAt());
        int size = CodedOutputStream.computeStringSize(ENV_ID, m.correlationId())
                + CodedOutputStream.computeStringSize(ENV_SOURCE, m.source())
                + (m.schema() == null ? 0 : CodedOutputStream.computeStringSize(ENV_SCHEMA_NAME, m.schema())
                        + CodedOutputStream.computeUInt32Size(ENV_SCHEMA_VERSION, m.schemaVersion()))
                + nestedSize(ENV_CREATED_AT, tsSize)
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
            startNested(cos, ENV_BODY, bodySize);
            sizes.rewind();
            writeValue(cos, m.body(), sizes);
            cos.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("size computation and writing disagree", e);
        }
        return out;
    }

    /**
     * Decodes bytes written by {@link #encode(UdmMessage)}.
     *
     * @throws UdmCodecException when the prefix is wrong or the protobuf data is malformed, with the byte offset
     */
    public UdmMessage decode(byte[] bytes) {
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new UdmCodecException("not binary UDM: expected prefix 'UDM' 0x08, found "
                    + describe(Arrays.copyOf(bytes, Math.min(bytes.length, MAGIC.length))));
        }
        CodedInputStream in = CodedInputStream.newInstance(bytes, MAGIC.length, bytes.length - MAGIC.length);
        try {
            return readEnvelope(in);
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

    // ---- sizes (first pass; nested message sizes are remembered in pre-order for the write pass)

    /** Sizes of nested objects/arrays in the order the writer meets them, so each is computed once. */
    private static final class Sizes {
        private int[] sizes = new int[16];
        private int count;
        private int next;

        int reserve() {
            if (count == sizes.length) {
                sizes = Arrays.copyOf(sizes, count * 2);
            }
            return count++;
        }

        void set(int slot, int size) {
            sizes[slot] = size;
        }

        int take() {
            return sizes[next++];
        }

        void rewind() {
            next = 0;
        }
    }

    private static int nestedSize(int field, int size) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
    }

    private static void startNested(CodedOutputStream cos, int field, int size) throws IOException {
        cos.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        cos.writeUInt32NoTag(size);
    }

    private static int entrySize(Map.Entry<String, String> h) {
        return CodedOutputStream.computeStringSize(ENTRY_KEY, h.getKey())
                + CodedOutputStream.computeStringSize(ENTRY_VALUE, h.getValue());
    }

    private static int timestampSize(Instant t) {
        return CodedOutputStream.computeInt64Size(TS_SECONDS, t.getEpochSecond())
                + CodedOutputStream.computeInt32Size(TS_NANOS, t.getNano());
    }

    /** Size of a UdmValue message holding {@code v}. */
    private static int valueSize(Object v, Sizes sizes) {
        if (v == null) {
            return CodedOutputStream.computeEnumSize(V_NULL, 0);
        } else if (v instanceof Boolean b) {
            return CodedOutputStream.computeBoolSize(V_BOOL, b);
        } else if (v instanceof Long l) {
            return CodedOutputStream.computeSInt64Size(V_INT, l);
        } else if (v instanceof Double d) {
            return CodedOutputStream.computeDoubleSize(V_DOUBLE, d);
        } else if (v instanceof BigDecimal bd) {
            return CodedOutputStream.computeStringSize(V_DECIMAL, bd.toString());
        } else if (v instanceof String s) {
            return CodedOutputStream.computeStringSize(V_STRING, s);
        } else if (v instanceof Map<?, ?> map) {
            int slot = sizes.reserve();
            int size = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                int memberSlot = sizes.reserve();
                int valueSize = valueSize(e.getValue(), sizes);
                sizes.set(memberSlot, valueSize);
                int member = CodedOutputStream.computeStringSize(MEMBER_NAME, (String) e.getKey()) + nestedSize(MEMBER_VALUE, valueSize);
                size += nestedSize(OBJ_MEMBERS, member);
            }
            sizes.set(slot, size);
            return nestedSize(V_OBJECT, size);
        } else if (v instanceof List<?> list) {
            int slot = sizes.reserve();
            int size = 0;
            for (Object o : list) {
                int itemSlot = sizes.reserve();
                int valueSize = valueSize(o, sizes);
                sizes.set(itemSlot, valueSize);
                size += nestedSize(ARR_VALUES, valueSize);
            }
            sizes.set(slot, size);
            return nestedSize(V_ARRAY, size);
        }
        throw new IllegalStateException("not a UDM value: " + v.getClass()); // UdmMessage normalised it
    }

    // ---- write (second pass)

    private static void writeTimestamp(CodedOutputStream cos, Instant t) throws IOException {
        cos.writeInt64(TS_SECONDS, t.getEpochSecond());
        cos.writeInt32(TS_NANOS, t.getNano());
    }

    private static void writeValue(CodedOutputStream cos, Object v, Sizes sizes) throws IOException {
        if (v == null) {
            cos.writeEnum(V_NULL, 0);
        } else if (v instanceof Boolean b) {
            cos.writeBool(V_BOOL, b);
        } else if (v instanceof Long l) {
            cos.writeSInt64(V_INT, l);
        } else if (v instanceof Double d) {
            cos.writeDouble(V_DOUBLE, d);
        } else if (v instanceof BigDecimal bd) {
            cos.writeString(V_DECIMAL, bd.toString());
        } else if (v instanceof String s) {
            cos.writeString(V_STRING, s);
        } else if (v instanceof Map<?, ?> map) {
            startNested(cos, V_OBJECT, sizes.take());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = (String) e.getKey();
                int valueSize = sizes.take();
                int member = CodedOutputStream.computeStringSize(MEMBER_NAME, name) + nestedSize(MEMBER_VALUE, valueSize);
                startNested(cos, OBJ_MEMBERS, member);
                cos.writeString(MEMBER_NAME, name);
                startNested(cos, MEMBER_VALUE, valueSize);
                writeValue(cos, e.getValue(), sizes);
            }
        } else if (v instanceof List<?> list) {
            startNested(cos, V_ARRAY, sizes.take());
            for (Object o : list) {
                startNested(cos, ARR_VALUES, sizes.take());
                writeValue(cos, o, sizes);
            }
        }
    }

    // ---- read

    private static UdmMessage readEnvelope(CodedInputStream in) throws IOException {
        String id = null;
        String source = null;
        String schema = null;
        int version = 0;
        Instant createdAt = null;
        Map<String, String> headers = new LinkedHashMap<>();
        Object body = null;
        boolean hasBody = false;
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
                case ENV_BODY -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    body = readValue(in, 0);
                    in.popLimit(limit);
                    hasBody = true;
                }
                default -> in.skipField(tag);
            }
        }
        if (!hasBody) {
            throw new IllegalArgumentException("envelope has no body (field " + ENV_BODY + ")");
        }
        UdmMessage.Builder b = UdmMessage.builder().body(body).headers(headers).correlationId(id).createdAt(createdAt);
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

    /** Reads one UdmValue message up to the current limit; an empty message (no field set) is null. */
    private static Object readValue(CodedInputStream in, int depth) throws IOException {
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
                case V_STRING -> value = in.readString();
                case V_OBJECT -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    value = readObject(in, depth);
                    in.popLimit(limit);
                }
                case V_ARRAY -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    value = readArray(in, depth);
                    in.popLimit(limit);
                }
                default -> in.skipField(tag);
            }
        }
        return value;
    }

    private static Map<String, Object> readObject(CodedInputStream in, int depth) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(tag) != OBJ_MEMBERS) {
                in.skipField(tag);
                continue;
            }
            int limit = in.pushLimit(in.readRawVarint32());
            String name = "";
            Object value = null;
            int t;
            while ((t = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(t)) {
                    case MEMBER_NAME -> name = in.readString();
                    case MEMBER_VALUE -> {
                        int l = in.pushLimit(in.readRawVarint32());
                        value = readValue(in, depth + 1);
                        in.popLimit(l);
                    }
                    default -> in.skipField(t);
                }
            }
            in.popLimit(limit);
            map.put(name, value);
        }
        return map;
    }

    private static List<Object> readArray(CodedInputStream in, int depth) throws IOException {
        List<Object> list = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(tag) != ARR_VALUES) {
                in.skipField(tag);
                continue;
            }
            int limit = in.pushLimit(in.readRawVarint32());
            list.add(readValue(in, depth + 1));
            in.popLimit(limit);
        }
        return list;
    }
}
