package io.unikernal.adapter.thrift.component;

import io.unikernal.adapter.thrift.component.ThriftType.Base;
import io.unikernal.adapter.thrift.component.ThriftType.EnumType;
import io.unikernal.adapter.thrift.component.ThriftType.Field;
import io.unikernal.adapter.thrift.component.ThriftType.ListType;
import io.unikernal.adapter.thrift.component.ThriftType.MapType;
import io.unikernal.adapter.thrift.component.ThriftType.SetType;
import io.unikernal.adapter.thrift.component.ThriftType.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TSet;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;

/**
 * Values of IDL types between JSON (as the routes see them) and a {@link TProtocol}, with no generated code.
 * <ul>
 * <li>JSON: a struct, union or exception is an object with the IDL's field names (a union has exactly one); integers
 * are numbers (checked against their width), {@code binary} is base64 text, an enum is its name (its number is
 * read too), list and set are arrays, a map is an object whose keys are the key type as text.</li>
 * <li>From JSON ({@link #coerce}) it is strict: a field the type does not have, a value of another type, a number out
 * of range or a missing {@code required} field is refused with the field's path, before any byte is written.</li>
 * <li>From the wire ({@link #read}) fields the IDL does not know are skipped (how Thrift types evolve), but a known
 * field of another wire type and a missing required field are refused ({@link TProtocolException}).</li>
 * </ul>
 * Depth is limited to {@link #MAX_DEPTH} both ways.
 */
public final class ThriftValues {

    /** libthrift's own default recursion limit. */
    public static final int MAX_DEPTH = 64;

    private ThriftValues() {
    }

    // ---- JSON -> checked wire values

    /** The value of {@code type} that {@code json} stands for, ready for {@link #write}; {@code path} names it. */
    public static Object coerce(ThriftType type, Object json, String path) {
        return coerce(type, json, path, 0);
    }

    private static Object coerce(ThriftType type, Object json, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ThriftValueException(path + " is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (json == null) {
            throw new ThriftValueException(path + " is null; a " + type.display() + " is needed");
        }
        if (type instanceof Base base) {
            return base(base, json, path);
        }
        if (type instanceof EnumType enumType) {
            return enumValue(enumType, json, path);
        }
        if (type instanceof ListType list) {
            return elements(list.element(), json, path, depth);
        }
        if (type instanceof SetType set) {
            return elements(set.element(), json, path, depth);
        }
        if (type instanceof MapType map) {
            if (!(json instanceof Map<?, ?> entries)) {
                throw wrong(type, json, path);
            }
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                String key = String.valueOf(entry.getKey());
                out.put(key(map.key(), key, path), coerce(map.value(), entry.getValue(), path + "." + key,
                        depth + 1));
            }
            return out;
        }
        return struct((StructType) type, json, path, depth);
    }

    /** A struct as its fields (in the IDL's order) and their checked values. */
    private static Map<Field, Object> struct(StructType type, Object json, String path, int depth) {
        if (!(json instanceof Map<?, ?> fields)) {
            throw wrong(type, json, path);
        }
        for (Object name : fields.keySet()) {
            if (type.field(String.valueOf(name)) == null) {
                String known = type.fields().isEmpty() ? "none" : String.join(", ", type.fields().stream()
                        .map(Field::name).toList());
                throw new ThriftValueException(path + " has no field '" + name + "' (" + (type.kind()
                        == StructType.Kind.ARGUMENTS ? "the method takes " : type.display() + " has ") + known + ")");
            }
        }
        Map<Field, Object> out = new LinkedHashMap<>();
        for (Field field : type.fields()) {
            Object value = fields.get(field.name());
            if (value == null) {
                if (field.required()) {
                    throw new ThriftValueException(path + "." + field.name() + " is required by " + type.display());
                }
                continue;
            }
            out.put(field, coerce(field.type(), value, path + "." + field.name(), depth + 1));
        }
        if (type.kind() == StructType.Kind.UNION && out.size() != 1) {
            throw new ThriftValueException(path + " is a union " + type.display() + ": exactly one of its fields"
                    + " must be set, not " + out.size());
        }
        return out;
    }

    private static List<Object> elements(ThriftType element, Object json, String path, int depth) {
        if (!(json instanceof List<?> list)) {
            throw new ThriftValueException(path + " must be a JSON array, not " + describe(json));
        }
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(coerce(element, list.get(i), path + "[" + i + "]", depth + 1));
        }
        return out;
    }

    private static Object key(ThriftType type, String text, String path) {
        if (type == Base.STRING) {
            return text;
        }
        if (type instanceof EnumType enumType) {
            return enumValue(enumType, text, path);
        }
        Object parsed;
        try {
            parsed = switch ((Base) type) {
                case BOOL -> switch (text) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new NumberFormatException();
                };
                case BINARY -> text;
                case DOUBLE -> Double.valueOf(text);
                default -> new BigInteger(text);
            };
        } catch (NumberFormatException e) {
            throw new ThriftValueException(path + " has the key '" + text + "', which is not a " + type.display());
        }
        return base((Base) type, parsed, path + "{" + text + "}");
    }

    private static Object base(Base type, Object json, String path) {
        switch (type) {
            case BOOL -> {
                if (json instanceof Boolean b) {
                    return b;
                }
            }
            case STRING -> {
                if (json instanceof String s) {
                    return s;
                }
            }
            case BINARY -> {
                if (json instanceof String s) {
                    try {
                        return ByteBuffer.wrap(Base64.getDecoder().decode(s));
                    } catch (IllegalArgumentException e) {
                        throw new ThriftValueException(path + " is binary: base64 text is needed, not '"
                                + abbreviate(s) + "'");
                    }
                }
            }
            case DOUBLE -> {
                if (json instanceof Number n) {
                    return n.doubleValue();
                }
            }
            default -> {
                if (json instanceof Number n) {
                    return integral(type, n, path);
                }
            }
        }
        throw wrong(type, json, path);
    }

    private static Object integral(Base type, Number n, String path) {
        BigDecimal exact;
        try {
            exact = n instanceof BigDecimal d ? d : n instanceof BigInteger i ? new BigDecimal(i)
                    : n instanceof Double || n instanceof Float ? BigDecimal.valueOf(n.doubleValue())
                            : BigDecimal.valueOf(n.longValue());
        } catch (NumberFormatException e) {
            throw new ThriftValueException(path + " is " + n + ", not a " + type.display());
        }
        long min = switch (type) {
            case BYTE -> Byte.MIN_VALUE;
            case I16 -> Short.MIN_VALUE;
            case I32 -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        long max = switch (type) {
            case BYTE -> Byte.MAX_VALUE;
            case I16 -> Short.MAX_VALUE;
            case I32 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        if (exact.stripTrailingZeros().scale() > 0) {
            throw new ThriftValueException(path + " is " + n + ", not a whole number (" + type.display() + ")");
        }
        if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new ThriftValueException(path + " is " + n + ", outside " + type.display() + " (" + min + ".."
                    + max + ")");
        }
        long value = exact.longValueExact();
        return switch (type) {
            case BYTE -> (byte) value;
            case I16 -> (short) value;
            case I32 -> (int) value;
            default -> value;
        };
    }

    private static Integer enumValue(EnumType type, Object json, String path) {
        if (json instanceof String name && type.byName().containsKey(name)) {
            return type.byName().get(name);
        }
        if (json instanceof Number n && !(json instanceof Double || json instanceof Float)
                && type.byValue().containsKey(n.intValue()) && n.longValue() == n.intValue()) {
            return n.intValue();
        }
        throw new ThriftValueException(path + " is " + describe(json) + ", not a value of enum " + type.name()
                + " (" + String.join(", ", type.byName().keySet()) + ")");
    }

    private static ThriftValueException wrong(ThriftType type, Object json, String path) {
        return new ThriftValueException(path + " must be " + (type instanceof StructType struct ? "a JSON object ("
                + struct.display() + ")" : type instanceof MapType ? "a JSON object (" + type.display() + ")"
                        : "of type " + type.display()) + ", not " + describe(json));
    }

    static String describe(Object json) {
        if (json instanceof String s) {
            return "the text '" + abbreviate(s) + "'";
        }
        if (json instanceof Map<?, ?>) {
            return "an object";
        }
        if (json instanceof List<?>) {
            return "an array";
        }
        return json instanceof Boolean || json instanceof Number ? String.valueOf(json) : "null";
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    // ---- checked wire values -> protocol

    /** Writes a value {@link #coerce} made. */
    @SuppressWarnings("unchecked")
    public static void write(TProtocol out, ThriftType type, Object value) throws TException {
        if (type instanceof Base base) {
            switch (base) {
                case BOOL -> out.writeBool((Boolean) value);
                case BYTE -> out.writeByte((Byte) value);
                case I16 -> out.writeI16((Short) value);
                case I32 -> out.writeI32((Integer) value);
                case I64 -> out.writeI64((Long) value);
                case DOUBLE -> out.writeDouble((Double) value);
                case STRING -> out.writeString((String) value);
                case BINARY -> out.writeBinary(value instanceof ByteBuffer b ? b.duplicate()
                        : ByteBuffer.wrap(Base64.getDecoder().decode((String) value)));
            }
        } else if (type instanceof EnumType) {
            out.writeI32((Integer) value);
        } else if (type instanceof ListType list) {
            List<Object> elements = (List<Object>) value;
            out.writeListBegin(new TList(list.element().wireType(), elements.size()));
            for (Object element : elements) {
                write(out, list.element(), element);
            }
            out.writeListEnd();
        } else if (type instanceof SetType set) {
            List<Object> elements = (List<Object>) value;
            out.writeSetBegin(new TSet(set.element().wireType(), elements.size()));
            for (Object element : elements) {
                write(out, set.element(), element);
            }
            out.writeSetEnd();
        } else if (type instanceof MapType map) {
            Map<Object, Object> entries = (Map<Object, Object>) value;
            out.writeMapBegin(new TMap(map.key().wireType(), map.value().wireType(), entries.size()));
            for (Map.Entry<Object, Object> entry : entries.entrySet()) {
                write(out, map.key(), entry.getKey());
                write(out, map.value(), entry.getValue());
            }
            out.writeMapEnd();
        } else {
            writeStruct(out, (StructType) type, (Map<Field, Object>) value);
        }
    }

    /** Writes a struct of checked field values. */
    public static void writeStruct(TProtocol out, StructType type, Map<Field, Object> fields) throws TException {
        out.writeStructBegin(new TStruct(type.name()));
        for (Map.Entry<Field, Object> entry : fields.entrySet()) {
            Field field = entry.getKey();
            out.writeFieldBegin(new TField(field.name(), field.type().wireType(), field.id()));
            write(out, field.type(), entry.getValue());
            out.writeFieldEnd();
        }
        out.writeFieldStop();
        out.writeStructEnd();
    }

    // ---- protocol -> JSON values

    /** Reads a struct of {@code type} as a JSON object (field names); unknown fields are skipped. */
    public static Map<String, Object> readStruct(TProtocol in, StructType type) throws TException {
        return readStruct(in, type, type.kind() == StructType.Kind.ARGUMENTS ? "arguments" : type.display(), 0);
    }

    private static Map<String, Object> readStruct(TProtocol in, StructType type, String path, int depth)
            throws TException {
        if (depth > MAX_DEPTH) {
            throw new TProtocolException(TProtocolException.DEPTH_LIMIT, path + " is nested deeper than "
                    + MAX_DEPTH + " levels");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        in.readStructBegin();
        while (true) {
            TField wire = in.readFieldBegin();
            if (wire.type == TType.STOP) {
                break;
            }
            Field field = type.field(wire.id);
            if (field == null) {
                TProtocolUtil.skip(in, wire.type);
            } else if (field.type().wireType() != wire.type) {
                throw new TProtocolException(TProtocolException.INVALID_DATA, path + "." + field.name()
                        + " (field " + field.id() + ") came as " + wireName(wire.type) + ", the IDL says "
                        + field.type().display());
            } else {
                out.put(field.name(), read(in, field.type(), path + "." + field.name(), depth + 1));
            }
            in.readFieldEnd();
        }
        in.readStructEnd();
        for (Field field : type.fields()) {
            if (field.required() && !out.containsKey(field.name())) {
                throw new TProtocolException(TProtocolException.INVALID_DATA, path + "." + field.name()
                        + " is required by " + type.display() + " but was not sent");
            }
        }
        return out;
    }

    private static Object read(TProtocol in, ThriftType type, String path, int depth) throws TException {
        if (type instanceof Base base) {
            return switch (base) {
                case BOOL -> in.readBool();
                case BYTE -> in.readByte();
                case I16 -> in.readI16();
                case I32 -> in.readI32();
                case I64 -> in.readI64();
                case DOUBLE -> in.readDouble();
                case STRING -> in.readString();
                case BINARY -> Base64.getEncoder().encodeToString(bytes(in.readBinary()));
            };
        }
        if (type instanceof EnumType enumType) {
            int value = in.readI32();
            String name = enumType.byValue().get(value);
            return name != null ? name : (Object) value; // a value of a newer version of the enum: its number
        }
        if (depth > MAX_DEPTH) {
            throw new TProtocolException(TProtocolException.DEPTH_LIMIT, path + " is nested deeper than "
                    + MAX_DEPTH + " levels");
        }
        if (type instanceof ListType list) {
            TList header = in.readListBegin();
            List<Object> out = elements(in, list.element(), header.elemType, header.size, path, depth);
            in.readListEnd();
            return out;
        }
        if (type instanceof SetType set) {
            TSet header = in.readSetBegin();
            List<Object> out = elements(in, set.element(), header.elemType, header.size, path, depth);
            in.readSetEnd();
            return out;
        }
        if (type instanceof MapType map) {
            TMap header = in.readMapBegin();
            if (header.size > 0 && (header.keyType != map.key().wireType()
                    || header.valueType != map.value().wireType())) {
                throw new TProtocolException(TProtocolException.INVALID_DATA, path + " came as map<"
                        + wireName(header.keyType) + "," + wireName(header.valueType) + ">, the IDL says "
                        + map.display());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < header.size; i++) {
                Object key = read(in, map.key(), path, depth + 1);
                out.put(String.valueOf(key), read(in, map.value(), path + "." + key, depth + 1));
            }
            in.readMapEnd();
            return out;
        }
        return readStruct(in, (StructType) type, path, depth);
    }

    private static List<Object> elements(TProtocol in, ThriftType element, byte wireType, int size, String path,
            int depth) throws TException {
        if (size > 0 && wireType != element.wireType()) {
            throw new TProtocolException(TProtocolException.INVALID_DATA, path + " came with elements of type "
                    + wireName(wireType) + ", the IDL says " + element.display());
        }
        List<Object> out = new ArrayList<>(Math.min(size, 1024));
        for (int i = 0; i < size; i++) {
            out.add(read(in, element, path + "[" + i + "]", depth + 1));
        }
        return out;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    static String wireName(byte type) {
        return switch (type) {
            case TType.BOOL -> "bool";
            case TType.BYTE -> "byte";
            case TType.I16 -> "i16";
            case TType.I32 -> "i32";
            case TType.I64 -> "i64";
            case TType.DOUBLE -> "double";
            case TType.STRING -> "string";
            case TType.STRUCT -> "struct";
            case TType.MAP -> "map";
            case TType.SET -> "set";
            case TType.LIST -> "list";
            default -> "type " + type;
        };
    }
}
