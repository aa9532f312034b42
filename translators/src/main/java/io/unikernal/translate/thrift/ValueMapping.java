package io.unikernal.translate.thrift;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.unikernal.adapter.thrift.component.ThriftType;
import io.unikernal.adapter.thrift.component.ThriftType.Base;
import io.unikernal.adapter.thrift.component.ThriftType.EnumType;
import io.unikernal.adapter.thrift.component.ThriftType.Field;
import io.unikernal.adapter.thrift.component.ThriftType.ListType;
import io.unikernal.adapter.thrift.component.ThriftType.MapType;
import io.unikernal.adapter.thrift.component.ThriftType.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values between the two JSON forms the adapters give and take: the thrift adapter's (IDL field names, integers as
 * numbers, binary as base64, enums by name) and protobuf's proto3 mapping (the .proto's field names, 64-bit integers
 * as strings, bytes as base64, enums by name). The types were paired at check time ({@link TypeCheck}); here each
 * value is range-checked where the receiving type is narrower, and an enum value the other side lacks is refused
 * ({@link MappingRefusal}, naming the value's path).
 */
final class ValueMapping {

    private ValueMapping() {
    }

    // ---- Thrift -> protobuf

    static Map<String, Object> toProto(StructType thrift, Descriptor proto, Map<?, ?> values, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            String name = String.valueOf(entry.getKey());
            Field field = thrift.field(name);
            FieldDescriptor counterpart = field == null ? null : FieldMatch.inMessage(proto, name);
            if (counterpart == null) {
                throw new MappingRefusal(path + "." + name + " has no counterpart in " + proto.getFullName());
            }
            if (entry.getValue() != null) {
                out.put(counterpart.getName(), protoValue(field.type(), counterpart, entry.getValue(),
                        path + "." + name));
            }
        }
        return out;
    }

    static Object protoValue(ThriftType thrift, FieldDescriptor proto, Object value, String path) {
        return container(thrift, proto, value, path, ValueMapping::protoSingle);
    }

    private static Object protoSingle(ThriftType thrift, FieldDescriptor proto, Object value, String path) {
        return switch (proto.getJavaType()) {
            case INT -> integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "int32", path);
            case LONG -> String.valueOf(integer(value, Long.MIN_VALUE, Long.MAX_VALUE, "int64", path));
            case ENUM -> {
                String name = enumName(value, path);
                if (proto.getEnumType().findValueByName(name) == null) {
                    throw new MappingRefusal(path + " is " + name + ", which " + proto.getEnumType().getFullName()
                            + " does not have");
                }
                yield name;
            }
            case MESSAGE -> toProto((StructType) thrift, proto.getMessageType(), map(value, path), path);
            default -> value; // double, bool, string; binary and bytes are both base64 text
        };
    }

    // ---- protobuf -> Thrift

    static Map<String, Object> toThrift(StructType thrift, Descriptor proto, Map<?, ?> values, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            String name = String.valueOf(entry.getKey());
            FieldDescriptor field = proto.findFieldByName(name);
            if (field == null) {
                field = proto.getFields().stream().filter(f -> f.getJsonName().equals(name)).findFirst()
                        .orElse(null);
            }
            Field counterpart = field == null ? null : FieldMatch.inStruct(thrift, field.getName());
            if (counterpart == null) {
                throw new MappingRefusal(path + "." + name + " has no counterpart in " + thrift.name());
            }
            if (entry.getValue() != null) {
                out.put(counterpart.name(), thriftValue(counterpart.type(), field, entry.getValue(),
                        path + "." + name));
            }
        }
        return out;
    }

    static Object thriftValue(ThriftType thrift, FieldDescriptor proto, Object value, String path) {
        return container(thrift, proto, value, path, ValueMapping::thriftSingle);
    }

    private static Object thriftSingle(ThriftType thrift, FieldDescriptor proto, Object value, String path) {
        if (thrift instanceof Base base) {
            return switch (base) {
                case BYTE -> integer(value, Byte.MIN_VALUE, Byte.MAX_VALUE, "i8", path);
                case I16 -> integer(value, Short.MIN_VALUE, Short.MAX_VALUE, "i16", path);
                case I32 -> integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "i32", path);
                case I64 -> integer(value, Long.MIN_VALUE, Long.MAX_VALUE, "i64", path);
                case DOUBLE -> value instanceof String text ? Double.valueOf(text) : value; // "NaN", "Infinity"
                default -> value;
            };
        }
        if (thrift instanceof EnumType enumType) {
            String name = enumName(value, path);
            if (!enumType.byName().containsKey(name)) {
                throw new MappingRefusal(path + " is " + name + ", which the Thrift enum " + enumType.name()
                        + " does not have");
            }
            return name;
        }
        return toThrift((StructType) thrift, proto.getMessageType(), map(value, path), path);
    }

    // ---- shared

    /** Maps one value of a pair of types (neither a list nor a map), one way. */
    @FunctionalInterface
    private interface Single {
        Object map(ThriftType thrift, FieldDescriptor proto, Object value, String path);
    }

    /** A field's value, its map entries or list elements one by one; map keys stay text, as JSON's are. */
    private static Object container(ThriftType thrift, FieldDescriptor proto, Object value, String path,
            Single single) {
        if (proto.isMapField()) {
            MapType map = (MapType) thrift;
            FieldDescriptor key = proto.getMessageType().findFieldByNumber(1);
            FieldDescriptor val = proto.getMessageType().findFieldByNumber(2);
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map(value, path).entrySet()) {
                String at = path + "{" + entry.getKey() + "}";
                out.put(String.valueOf(single.map(map.key(), key, entry.getKey(), at)),
                        single.map(map.value(), val, entry.getValue(), at));
            }
            return out;
        }
        if (proto.isRepeated()) {
            List<Object> out = new ArrayList<>();
            List<?> list = list(value, path);
            for (int i = 0; i < list.size(); i++) {
                out.add(single.map(((ListType) thrift).element(), proto, list.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        return single.map(thrift, proto, value, path);
    }

    /** A whole number within [min, max]; a JSON number or the decimal text proto3 JSON writes 64-bit integers as. */
    static long integer(Object value, long min, long max, String type, String path) {
        BigDecimal exact;
        try {
            exact = value instanceof BigDecimal d ? d : value instanceof BigInteger i ? new BigDecimal(i)
                    : value instanceof String s ? new BigDecimal(s.strip())
                            : value instanceof Double || value instanceof Float ? BigDecimal.valueOf(
                                    ((Number) value).doubleValue())
                                    : value instanceof Number n ? BigDecimal.valueOf(n.longValue()) : null;
        } catch (NumberFormatException e) {
            exact = null;
        }
        if (exact == null || exact.stripTrailingZeros().scale() > 0) {
            throw new MappingRefusal(path + " must be a whole number (" + type + ")");
        }
        if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new MappingRefusal(path + " is " + exact.toPlainString() + ", outside " + type + " (" + min
                    + ".." + max + ")");
        }
        return exact.longValueExact();
    }

    private static String enumName(Object value, String path) {
        if (value instanceof String name) {
            return name;
        }
        throw new MappingRefusal(path + " is the enum number " + value + ", which has no name on this side");
    }

    private static Map<?, ?> map(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new MappingRefusal(path + " must be an object");
    }

    private static List<?> list(Object value, String path) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new MappingRefusal(path + " must be an array");
    }
}
