package io.unikernal.adapter.grpc.component;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proto3 JSON mapping of {@link ProtoJson} between messages and the values a route's body holds (Map, List,
 * String, Long, BigDecimal, Boolean: what the kernel's JSON parser makes of JSON text), without the JSON text in
 * between — for the message types it can do exactly as protobuf's {@code JsonFormat} does: proto3 files with no
 * well-known types ({@code google.protobuf.*}, whose JSON forms are special). For any other type, and for a body that
 * holds a value of another kind, it answers null and the caller takes the JSON path; the equivalence is tested
 * against {@code JsonFormat} on random messages of every kind.
 */
final class ProtoMaps {

    private static final Map<Descriptor, Boolean> PLAIN = new ConcurrentHashMap<>();
    private static final Map<Descriptor, Map<String, FieldDescriptor>> NAMES = new ConcurrentHashMap<>();
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** A body value this mapping does not take (the JSON path does): the whole conversion falls back. */
    private static final class NotPlain extends RuntimeException {
        NotPlain() {
            super(null, null, false, false);
        }
    }

    private ProtoMaps() {
    }

    /** Whether messages of this type convert here, exactly as {@code JsonFormat} would. */
    static boolean plain(Descriptor type) {
        Boolean known = PLAIN.get(type);
        if (known != null) {
            return known;
        }
        boolean plain = plain(type, new HashSet<>());
        PLAIN.put(type, plain);
        return plain;
    }

    private static boolean plain(Descriptor type, Set<Descriptor> seen) {
        if (!seen.add(type)) {
            return true;
        }
        if (!"proto3".equals(type.getFile().toProto().getSyntax()) || wellKnown(type.getFile().getPackage())) {
            return false;
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getJavaType() == FieldDescriptor.JavaType.ENUM
                    && wellKnown(field.getEnumType().getFile().getPackage())) {
                return false;
            }
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !plain(field.getMessageType(), seen)) {
                return false;
            }
        }
        return true;
    }

    private static boolean wellKnown(String protoPackage) {
        return "google.protobuf".equals(protoPackage);
    }

    // ---- message -> body ----------------------------------------------------------------------------------------

    /**
     * The body of a message: every field by its {@code .proto} name, fields without presence with their defaults,
     * 32-bit integers as Long, 64-bit ones as strings, floating point as BigDecimal (or "NaN", "Infinity"), bytes as
     * base64, enums by name (an unknown number as its number); null when the type is not {@link #plain}.
     */
    static Map<String, Object> toMap(Message message) {
        return plain(message.getDescriptorForType()) ? map(message) : null;
    }

    private static Map<String, Object> map(Message message) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.isMapField()) {
                out.put(field.getName(), mapField(message, field));
            } else if (field.isRepeated()) {
                int count = message.getRepeatedFieldCount(field);
                List<Object> values = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    values.add(value(field, message.getRepeatedField(field, i)));
                }
                out.put(field.getName(), values);
            } else if (!field.hasPresence() || message.hasField(field)) {
                // a message field, a oneof member or a proto3 optional field is there only when set
                out.put(field.getName(), value(field, message.getField(field)));
            }
        }
        return out;
    }

    private static Map<String, Object> mapField(Message message, FieldDescriptor field) {
        FieldDescriptor key = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor value = field.getMessageType().findFieldByNumber(2);
        int count = message.getRepeatedFieldCount(field);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Message entry = (Message) message.getRepeatedField(field, i);
            out.put(mapKey(key, entry.getField(key)), value(value, entry.getField(value)));
        }
        return out;
    }

    private static String mapKey(FieldDescriptor key, Object value) {
        return switch (key.getType()) {
            case UINT32, FIXED32 -> Integer.toUnsignedString((Integer) value);
            case UINT64, FIXED64 -> Long.toUnsignedString((Long) value);
            default -> String.valueOf(value);
        };
    }

    private static Object value(FieldDescriptor field, Object value) {
        return switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> (long) (Integer) value;
            case UINT32, FIXED32 -> Integer.toUnsignedLong((Integer) value);
            case INT64, SINT64, SFIXED64 -> String.valueOf(value);
            case UINT64, FIXED64 -> Long.toUnsignedString((Long) value);
            case FLOAT -> floating((Float) value, Float.isNaN((Float) value), Float.isInfinite((Float) value));
            case DOUBLE -> floating((Double) value, Double.isNaN((Double) value), Double.isInfinite((Double) value));
            case BYTES -> Base64.getEncoder().encodeToString(((ByteString) value).toByteArray());
            case ENUM -> {
                EnumValueDescriptor e = (EnumValueDescriptor) value;
                yield e.getIndex() == -1 ? (Object) (long) e.getNumber() : e.getName();
            }
            case MESSAGE, GROUP -> map((Message) value);
            default -> value; // bool, string
        };
    }

    private static Object floating(Number value, boolean nan, boolean infinite) {
        if (nan) {
            return "NaN";
        }
        if (infinite) {
            return value.doubleValue() > 0 ? "Infinity" : "-Infinity";
        }
        // the decimal JsonFormat prints (Float/Double.toString), as the kernel reads JSON numbers
        return new BigDecimal(value.toString());
    }

    // ---- body -> message ----------------------------------------------------------------------------------------

    /**
     * The message of {@code type} a body map stands for, refusing what {@code JsonFormat} refuses (a field the type
     * does not have, a value of the wrong kind or out of range, a field set twice); null when the type is not
     * {@link #plain} or the body holds a value of a kind the JSON path must judge.
     */
    static DynamicMessage fromMap(Map<?, ?> body, Descriptor type) {
        if (!plain(type)) {
            return null;
        }
        try {
            return message(body, type, "");
        } catch (NotPlain e) {
            return null;
        } catch (ProtoMessageException e) {
            throw new ProtoMessageException("the message does not fit " + type.getFullName() + " (" + e.getMessage()
                    + ")");
        }
    }

    private static DynamicMessage message(Map<?, ?> body, Descriptor type, String at) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        Map<String, FieldDescriptor> names = names(type);
        Set<FieldDescriptor> set = new HashSet<>();
        for (Map.Entry<?, ?> entry : body.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw new NotPlain();
            }
            FieldDescriptor field = names.get(name);
            String path = at.isEmpty() ? name : at + "." + name;
            if (field == null) {
                throw refused(path, "is not a field of " + type.getFullName());
            }
            if (!set.add(field)) {
                throw refused(path, "is set twice (as " + field.getName() + " and " + field.getJsonName() + ")");
            }
            Object value = entry.getValue();
            if (value == null) {
                continue; // null stands for the default, as in JsonFormat
            }
            if (field.getRealContainingOneof() != null) {
                for (FieldDescriptor other : field.getRealContainingOneof().getFields()) {
                    if (other != field && builder.hasField(other)) {
                        throw refused(path, "and " + other.getName() + " are of the same oneof "
                                + field.getRealContainingOneof().getName() + ": set one of them");
                    }
                }
            }
            if (field.isMapField()) {
                mapField(builder, field, value, path);
            } else if (field.isRepeated()) {
                if (!(value instanceof List<?> list)) {
                    throw refused(path, "is a repeated field: give a list");
                }
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) == null) {
                        throw refused(path + "[" + i + "]", "is null: a repeated field's elements cannot be");
                    }
                    builder.addRepeatedField(field, parse(field, list.get(i), path + "[" + i + "]"));
                }
            } else {
                builder.setField(field, parse(field, value, path));
            }
        }
        return builder.build();
    }

    private static void mapField(DynamicMessage.Builder builder, FieldDescriptor field, Object value, String path) {
        if (!(value instanceof Map<?, ?> entries)) {
            throw refused(path, "is a map field: give an object");
        }
        Descriptor entryType = field.getMessageType();
        FieldDescriptor key = entryType.findFieldByNumber(1);
        FieldDescriptor val = entryType.findFieldByNumber(2);
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            if (!(entry.getKey() instanceof String text)) {
                throw new NotPlain();
            }
            String at = path + "[" + text + "]";
            if (entry.getValue() == null) {
                throw refused(at, "is null: a map's values cannot be");
            }
            builder.addRepeatedField(field, DynamicMessage.newBuilder(entryType)
                    .setField(key, parse(key, text, at))
                    .setField(val, parse(val, entry.getValue(), at)).build());
        }
    }

    private static Object parse(FieldDescriptor field, Object value, String at) {
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Map || value instanceof List)) {
            throw new NotPlain();
        }
        return switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> (int) integral(value, BigInteger.valueOf(Integer.MIN_VALUE),
                    BigInteger.valueOf(Integer.MAX_VALUE), "an int32", at);
            case UINT32, FIXED32 -> (int) integral(value, BigInteger.ZERO, BigInteger.valueOf(0xFFFF_FFFFL),
                    "a uint32", at);
            case INT64, SINT64, SFIXED64 -> integral(value, BigInteger.valueOf(Long.MIN_VALUE),
                    BigInteger.valueOf(Long.MAX_VALUE), "an int64", at);
            case UINT64, FIXED64 -> integral(value, BigInteger.ZERO, UINT64_MAX, "a uint64", at);
            case FLOAT -> {
                double d = floating(value, "a float", at);
                if (!Double.isNaN(d) && !Double.isInfinite(d) && Math.abs(d) > Float.MAX_VALUE * (1.0 + 1e-6)) {
                    throw refused(at, "is out of a float's range");
                }
                yield (float) d;
            }
            case DOUBLE -> floating(value, "a double", at);
            case BOOL -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                if ("true".equals(value) || "false".equals(value)) {
                    yield Boolean.valueOf((String) value);
                }
                throw refused(at, "is not a bool (" + kind(value) + ")");
            }
            case STRING -> {
                if (value instanceof Map || value instanceof List) {
                    throw refused(at, "is not a string (" + kind(value) + ")");
                }
                yield value.toString();
            }
            case BYTES -> ByteString.copyFrom(bytes(value, at));
            case ENUM -> enumValue(field.getEnumType(), value, at);
            case MESSAGE, GROUP -> {
                if (!(value instanceof Map<?, ?> nested)) {
                    throw refused(at, "is a message of type " + field.getMessageType().getFullName()
                            + ": give an object (" + kind(value) + ")");
                }
                yield message(nested, field.getMessageType(), at);
            }
        };
    }

    /** An integer from a number or a decimal string, as JsonFormat takes it ("1.0" is 1; 1.5 is refused). */
    private static long integral(Object value, BigInteger min, BigInteger max, String what, String at) {
        BigInteger exact;
        try {
            BigDecimal decimal = value instanceof BigDecimal d ? d
                    : value instanceof String s ? new BigDecimal(s)
                    : value instanceof Number n && !(value instanceof Double || value instanceof Float)
                            ? new BigDecimal(n.toString())
                            : value instanceof Number n ? BigDecimal.valueOf(n.doubleValue())
                            : null;
            if (decimal == null) {
                throw refused(at, "is not " + what + " (" + kind(value) + ")");
            }
            exact = decimal.toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw refused(at, "is not " + what + " (" + kind(value) + ")");
        }
        if (exact.compareTo(min) < 0 || exact.compareTo(max) > 0) {
            throw refused(at, "is out of " + what.replaceFirst("^an? ", "") + "'s range");
        }
        return exact.longValue();
    }

    /** A double from a number or its text ("NaN", "Infinity", "-Infinity" too); a finite decimal beyond it refused. */
    private static double floating(Object value, String what, String at) {
        double d;
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        } else if (value instanceof Number n) {
            d = new BigDecimal(n.toString()).doubleValue();
        } else if (value instanceof String s) {
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        d = new BigDecimal(s).doubleValue();
                    } catch (NumberFormatException e) {
                        throw refused(at, "is not " + what + " (" + kind(value) + ")");
                    }
            }
        } else {
            throw refused(at, "is not " + what + " (" + kind(value) + ")");
        }
        if (Double.isInfinite(d)) {
            throw refused(at, "is out of " + what.replaceFirst("^an? ", "") + "'s range");
        }
        return d;
    }

    private static byte[] bytes(Object value, String at) {
        if (!(value instanceof String text)) {
            throw refused(at, "is not base64 text (" + kind(value) + ")");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notStandard) {
            try {
                return Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw refused(at, "is not base64 text");
            }
        }
    }

    private static EnumValueDescriptor enumValue(EnumDescriptor type, Object value, String at) {
        if (value instanceof String name) {
            EnumValueDescriptor named = type.findValueByName(name);
            if (named != null) {
                return named;
            }
        }
        if (value instanceof Boolean || value instanceof Map || value instanceof List) {
            throw refused(at, "is not a value of enum " + type.getFullName() + " (" + kind(value) + ")");
        }
        int number;
        try {
            number = (int) integral(value, BigInteger.valueOf(Integer.MIN_VALUE),
                    BigInteger.valueOf(Integer.MAX_VALUE), "an enum number", at);
        } catch (ProtoMessageException e) {
            throw refused(at, "is not a value of enum " + type.getFullName() + " (" + value + ")");
        }
        // proto3 enums are open: a number the file does not name is kept, as protobuf keeps it
        return type.findValueByNumberCreatingIfUnknown(number);
    }

    private static Map<String, FieldDescriptor> names(Descriptor type) {
        return NAMES.computeIfAbsent(type, t -> {
            Map<String, FieldDescriptor> names = new HashMap<>();
            for (FieldDescriptor field : t.getFields()) {
                names.put(field.getName(), field);
                names.putIfAbsent(field.getJsonName(), field);
            }
            return Map.copyOf(names);
        });
    }

    private static String kind(Object value) {
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof String s) {
            return "the text \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        return String.valueOf(value);
    }

    private static ProtoMessageException refused(String at, String why) {
        return new ProtoMessageException("field " + at + " " + why);
    }
}
