package io.unikernal.translate.thrift;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;

/**
 * {@code shop.thrift}'s types written and read with libthrift's protocol calls, as generated code would, from a table
 * of field ids and wire types written here by hand: the peers never use the adapter's own IDL reading. Values: String,
 * Number (Byte, Short, Integer, Long, Double as read), Boolean, ByteBuffer (binary), List, Map, an enum by its name.
 */
final class ShopWire {

    interface Type {
    }

    record Base(byte wire) implements Type {
    }

    record ListOf(Type element) implements Type {
    }

    record MapOf(Type key, Type value) implements Type {
    }

    record EnumOf(Map<String, Integer> values) implements Type {
    }

    record Field(int id, String name, Type type) {
    }

    record Struct(String name, List<Field> fields) implements Type {
        Field field(int id) {
            return fields.stream().filter(f -> f.id() == id).findFirst().orElse(null);
        }
    }

    static final Base STRING = new Base(TType.STRING);
    static final Base BINARY = new Base((byte) 100); // written as TType.STRING, read as bytes
    static final Base I8 = new Base(TType.BYTE);
    static final Base I16 = new Base(TType.I16);
    static final Base I32 = new Base(TType.I32);
    static final Base I64 = new Base(TType.I64);
    static final Base DOUBLE = new Base(TType.DOUBLE);
    static final Base BOOL = new Base(TType.BOOL);
    static final EnumOf TIER = new EnumOf(Map.of("UNSPECIFIED", 0, "BRONZE", 1, "SILVER", 2, "GOLD", 3));
    static final Struct MONEY = new Struct("Money", List.of(new Field(1, "units", I64), new Field(2, "nanos", I32),
            new Field(3, "currency", STRING)));
    static final Struct LINE = new Struct("Line", List.of(new Field(1, "sku", STRING), new Field(2, "quantity", I16),
            new Field(3, "price", MONEY)));
    static final Struct ORDER = new Struct("Order", List.of(new Field(1, "id", STRING), new Field(2, "priority", I8),
            new Field(3, "count", I16), new Field(4, "total", I32), new Field(5, "sequence", I64),
            new Field(6, "weight", DOUBLE), new Field(7, "gift", BOOL), new Field(8, "signature", BINARY),
            new Field(9, "lines", new ListOf(LINE)), new Field(10, "labels", new MapOf(STRING, I64)),
            new Field(11, "tier", TIER), new Field(12, "tiers", new ListOf(TIER)),
            new Field(13, "totals", new MapOf(I32, MONEY)), new Field(14, "note_text", STRING),
            new Field(15, "email", STRING), new Field(16, "phone", STRING)));
    static final Struct NOT_FOUND = new Struct("NotFound", List.of(new Field(1, "message", STRING)));
    static final Struct FAILURE = new Struct("Failure", List.of(new Field(1, "code", I32),
            new Field(2, "message", STRING)));

    /** A method: its arguments, its result (null: void) and its declared exceptions (result fields 1..). */
    record Method(String name, Struct arguments, Type result, List<Field> exceptions) {
    }

    static final Method PLACE = new Method("place", new Struct("place_args", List.of(new Field(1, "order", ORDER))),
            ORDER, List.of(new Field(1, "notFound", NOT_FOUND), new Field(2, "failure", FAILURE)));
    static final Method COUNT = new Method("count", new Struct("count_args", List.of(new Field(1, "sku", STRING),
            new Field(2, "limit", I64))), I32, List.of());
    static final Method PING = new Method("ping", new Struct("ping_args", List.of()), null, List.of());

    private ShopWire() {
    }

    private static byte wire(Type type) {
        if (type instanceof Base base) {
            return base == BINARY ? TType.STRING : base.wire();
        }
        return type instanceof ListOf ? TType.LIST : type instanceof MapOf ? TType.MAP
                : type instanceof EnumOf ? TType.I32 : TType.STRUCT;
    }

    static void writeStruct(TProtocol out, Struct type, Map<?, ?> value) throws TException {
        out.writeStructBegin(new TStruct(type.name()));
        for (Field field : type.fields()) {
            Object v = value.get(field.name());
            if (v != null) {
                out.writeFieldBegin(new TField(field.name(), wire(field.type()), (short) field.id()));
                write(out, field.type(), v);
                out.writeFieldEnd();
            }
        }
        out.writeFieldStop();
        out.writeStructEnd();
    }

    static void write(TProtocol out, Type type, Object v) throws TException {
        if (type == BINARY) {
            out.writeBinary((ByteBuffer) v);
        } else if (type instanceof Base base) {
            switch (base.wire()) {
                case TType.STRING -> out.writeString((String) v);
                case TType.BYTE -> out.writeByte(((Number) v).byteValue());
                case TType.I16 -> out.writeI16(((Number) v).shortValue());
                case TType.I32 -> out.writeI32(((Number) v).intValue());
                case TType.I64 -> out.writeI64(((Number) v).longValue());
                case TType.DOUBLE -> out.writeDouble(((Number) v).doubleValue());
                default -> out.writeBool((Boolean) v);
            }
        } else if (type instanceof EnumOf e) {
            out.writeI32(e.values().get((String) v));
        } else if (type instanceof ListOf list) {
            List<?> items = (List<?>) v;
            out.writeListBegin(new TList(wire(list.element()), items.size()));
            for (Object item : items) {
                write(out, list.element(), item);
            }
            out.writeListEnd();
        } else if (type instanceof MapOf map) {
            Map<?, ?> entries = (Map<?, ?>) v;
            out.writeMapBegin(new TMap(wire(map.key()), wire(map.value()), entries.size()));
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                write(out, map.key(), entry.getKey());
                write(out, map.value(), entry.getValue());
            }
            out.writeMapEnd();
        } else {
            writeStruct(out, (Struct) type, (Map<?, ?>) v);
        }
    }

    static Map<String, Object> readStruct(TProtocol in, Struct type) throws TException {
        Map<String, Object> out = new LinkedHashMap<>();
        in.readStructBegin();
        for (TField wire = in.readFieldBegin(); wire.type != TType.STOP; wire = in.readFieldBegin()) {
            Field field = type.field(wire.id);
            if (field != null && wire(field.type()) == wire.type) {
                out.put(field.name(), read(in, field.type()));
            } else {
                TProtocolUtil.skip(in, wire.type);
            }
            in.readFieldEnd();
        }
        in.readStructEnd();
        return out;
    }

    static Object read(TProtocol in, Type type) throws TException {
        if (type == BINARY) {
            return in.readBinary();
        }
        if (type instanceof Base base) {
            return switch (base.wire()) {
                case TType.STRING -> in.readString();
                case TType.BYTE -> in.readByte();
                case TType.I16 -> in.readI16();
                case TType.I32 -> in.readI32();
                case TType.I64 -> in.readI64();
                case TType.DOUBLE -> in.readDouble();
                default -> in.readBool();
            };
        }
        if (type instanceof EnumOf e) {
            int number = in.readI32();
            return e.values().entrySet().stream().filter(v -> v.getValue() == number).map(Map.Entry::getKey)
                    .findFirst().orElse(String.valueOf(number));
        }
        if (type instanceof ListOf list) {
            TList header = in.readListBegin();
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < header.size; i++) {
                items.add(read(in, list.element()));
            }
            in.readListEnd();
            return items;
        }
        if (type instanceof MapOf map) {
            TMap header = in.readMapBegin();
            Map<Object, Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < header.size; i++) {
                entries.put(read(in, map.key()), read(in, map.value()));
            }
            in.readMapEnd();
            return entries;
        }
        return readStruct(in, (Struct) type);
    }
}
