package io.unikernal.adapter.thrift.component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.thrift.protocol.TType;

/** A type of a {@code .thrift} IDL, typedefs resolved: what a value of it looks like on the wire and in JSON. */
public sealed interface ThriftType {

    /** The wire type ({@link TType}) of a value of this type. */
    byte wireType();

    /** The type as the IDL writes it, for messages. */
    String display();

    /** The IDL's base types; {@code byte} and {@code i8} are one type. */
    enum Base implements ThriftType {
        BOOL(TType.BOOL, "bool"), BYTE(TType.BYTE, "byte"), I16(TType.I16, "i16"), I32(TType.I32, "i32"),
        I64(TType.I64, "i64"), DOUBLE(TType.DOUBLE, "double"), STRING(TType.STRING, "string"),
        BINARY(TType.STRING, "binary");

        private final byte wireType;
        private final String display;

        Base(byte wireType, String display) {
            this.wireType = wireType;
            this.display = display;
        }

        @Override
        public byte wireType() {
            return wireType;
        }

        @Override
        public String display() {
            return display;
        }
    }

    /** An enum: names and their i32 values. */
    record EnumType(String name, Map<String, Integer> byName, Map<Integer, String> byValue) implements ThriftType {
        @Override
        public byte wireType() {
            return TType.I32;
        }

        @Override
        public String display() {
            return name;
        }
    }

    record ListType(ThriftType element) implements ThriftType {
        @Override
        public byte wireType() {
            return TType.LIST;
        }

        @Override
        public String display() {
            return "list<" + element.display() + ">";
        }
    }

    record SetType(ThriftType element) implements ThriftType {
        @Override
        public byte wireType() {
            return TType.SET;
        }

        @Override
        public String display() {
            return "set<" + element.display() + ">";
        }
    }

    /** A map; its keys are base types or enums, since JSON object keys are text. */
    record MapType(ThriftType key, ThriftType value) implements ThriftType {
        @Override
        public byte wireType() {
            return TType.MAP;
        }

        @Override
        public String display() {
            return "map<" + key.display() + "," + value.display() + ">";
        }
    }

    /** One field of a struct, union, exception or argument list. */
    record Field(short id, String name, ThriftType type, boolean required) {
    }

    /**
     * A struct, union or exception (or a method's argument list). Its fields are added once the IDL is read, so a
     * struct may refer to itself.
     */
    final class StructType implements ThriftType {

        /** What kind of definition it is: a union holds exactly one field. */
        public enum Kind { STRUCT, UNION, EXCEPTION, ARGUMENTS }

        private final String name;
        private final Kind kind;
        private final List<Field> fields = new ArrayList<>();
        private final Map<String, Field> byName = new LinkedHashMap<>();
        private final Map<Short, Field> byId = new LinkedHashMap<>();

        public StructType(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        void add(Field field) {
            if (byId.containsKey(field.id())) {
                throw new IllegalArgumentException(name + " has two fields with id " + field.id());
            }
            if (byName.containsKey(field.name())) {
                throw new IllegalArgumentException(name + " has two fields named " + field.name());
            }
            fields.add(field);
            byName.put(field.name(), field);
            byId.put(field.id(), field);
        }

        public String name() {
            return name;
        }

        public Kind kind() {
            return kind;
        }

        public List<Field> fields() {
            return Collections.unmodifiableList(fields);
        }

        public Field field(String fieldName) {
            return byName.get(fieldName);
        }

        public Field field(short id) {
            return byId.get(id);
        }

        @Override
        public byte wireType() {
            return TType.STRUCT;
        }

        @Override
        public String display() {
            return name;
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
        }
    }
}
