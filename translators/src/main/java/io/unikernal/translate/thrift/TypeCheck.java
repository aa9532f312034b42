package io.unikernal.translate.thrift;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.unikernal.adapter.thrift.component.ThriftType;
import io.unikernal.adapter.thrift.component.ThriftType.Base;
import io.unikernal.adapter.thrift.component.ThriftType.EnumType;
import io.unikernal.adapter.thrift.component.ThriftType.Field;
import io.unikernal.adapter.thrift.component.ThriftType.ListType;
import io.unikernal.adapter.thrift.component.ThriftType.MapType;
import io.unikernal.adapter.thrift.component.ThriftType.SetType;
import io.unikernal.adapter.thrift.component.ThriftType.StructType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether the values of a Thrift type can travel as a protobuf type in one direction, before anything runs: the
 * documented coercions (i8/i16/i32/i64 with int32/int64/sint32/sint64, narrowing range-checked at run time; double,
 * string, bool; binary with bytes; list with repeated; map with map; struct with message and enum with enum by name),
 * every field of the sending side with a counterpart ({@link FieldMatch}), every required Thrift field fed. What has
 * no faithful counterpart is refused with the reason: sets, unions, unsigned and fixed-width protobuf integers,
 * float, groups, well-known types.
 */
final class TypeCheck {

    private final List<String> problems = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    List<String> problems() {
        return problems;
    }

    void message(StructType thrift, Descriptor proto, Direction direction, String path) {
        if (!seen.add(thrift.name() + "|" + proto.getFullName() + "|" + direction)) {
            return; // checked already (or being checked: a type that refers to itself)
        }
        if (thrift.kind() == StructType.Kind.UNION) {
            refuse(path, "the Thrift union " + thrift.name() + " cannot map to " + proto.getFullName()
                    + " (a union is not a message; use a struct with optional fields)");
            return;
        }
        if (direction == Direction.TO_PROTO) {
            for (Field field : thrift.fields()) {
                FieldDescriptor counterpart = FieldMatch.inMessage(proto, field.name());
                if (counterpart == null) {
                    refuse(path + "." + field.name(), "field " + field.name() + " of " + thrift.name()
                            + " has no counterpart in " + proto.getFullName() + " (fields: " + names(proto) + ")");
                } else {
                    value(field.type(), counterpart, direction, path + "." + field.name());
                }
            }
            return;
        }
        for (FieldDescriptor field : proto.getFields()) {
            Field counterpart = FieldMatch.inStruct(thrift, field.getName());
            if (counterpart == null) {
                refuse(path + "." + field.getName(), "field " + field.getName() + " of " + proto.getFullName()
                        + " has no counterpart in " + thrift.name() + " (fields: " + String.join(", ",
                                thrift.fields().stream().map(Field::name).toList()) + ")");
            } else {
                value(counterpart.type(), field, direction, path + "." + field.getName());
            }
        }
        for (Field field : thrift.fields()) {
            if (field.required() && FieldMatch.inMessage(proto, field.name()) == null) {
                refuse(path + "." + field.name(), "the required field " + field.name() + " of " + thrift.name()
                        + " has no counterpart in " + proto.getFullName() + " to fill it");
            }
        }
    }

    /** A field's value, repeated and map fields included. */
    void value(ThriftType thrift, FieldDescriptor proto, Direction direction, String path) {
        if (thrift instanceof SetType) {
            refuse(path, "a Thrift " + thrift.display() + " cannot map: protobuf has no set (a repeated field"
                    + " keeps duplicates and order); use a list");
            return;
        }
        if (proto.isMapField()) {
            if (!(thrift instanceof MapType map)) {
                mismatch(path, thrift, proto);
                return;
            }
            single(map.key(), proto.getMessageType().findFieldByNumber(1), direction, path + "{key}");
            single(map.value(), proto.getMessageType().findFieldByNumber(2), direction, path + "{value}");
            return;
        }
        if (proto.isRepeated()) {
            if (!(thrift instanceof ListType list)) {
                mismatch(path, thrift, proto);
                return;
            }
            single(list.element(), proto, direction, path + "[]");
            return;
        }
        single(thrift, proto, direction, path);
    }

    private void single(ThriftType thrift, FieldDescriptor proto, Direction direction, String path) {
        switch (proto.getType()) {
            case INT32, SINT32, INT64, SINT64 -> {
                if (!integral(thrift)) {
                    mismatch(path, thrift, proto);
                }
            }
            case UINT32, UINT64, FIXED32, FIXED64, SFIXED32, SFIXED64 -> refuse(path, "the protobuf "
                    + typeName(proto) + " field " + proto.getName() + " cannot map: Thrift has no unsigned or"
                    + " fixed-width integers; use int32/int64 (or sint32/sint64)");
            case FLOAT -> refuse(path, "the protobuf float field " + proto.getName() + " cannot map: Thrift's"
                    + " double is wider and a double does not fit a float; use double");
            case DOUBLE -> expect(thrift == Base.DOUBLE, path, thrift, proto);
            case BOOL -> expect(thrift == Base.BOOL, path, thrift, proto);
            case STRING -> expect(thrift == Base.STRING, path, thrift, proto);
            case BYTES -> expect(thrift == Base.BINARY, path, thrift, proto);
            case ENUM -> {
                if (thrift instanceof EnumType enumType) {
                    enums(enumType, proto, direction, path);
                } else {
                    mismatch(path, thrift, proto);
                }
            }
            case MESSAGE -> {
                Descriptor message = proto.getMessageType();
                if (message.getFile().getPackage().equals("google.protobuf")) {
                    refuse(path, "the well-known type " + message.getFullName() + " (field " + proto.getName()
                            + ") has no Thrift counterpart; use a message of your own");
                } else if (thrift instanceof StructType struct) {
                    message(struct, message, direction, path);
                } else {
                    mismatch(path, thrift, proto);
                }
            }
            default -> refuse(path, "the protobuf group " + proto.getName() + " cannot map; use a message");
        }
    }

    /** Every value name the sending enum has must be one of the receiving enum's. */
    private void enums(EnumType thrift, FieldDescriptor proto, Direction direction, String path) {
        Set<String> protoNames = new HashSet<>();
        for (EnumValueDescriptor value : proto.getEnumType().getValues()) {
            protoNames.add(value.getName());
        }
        Set<String> sent = direction == Direction.TO_PROTO ? thrift.byName().keySet() : protoNames;
        Set<String> received = direction == Direction.TO_PROTO ? protoNames : thrift.byName().keySet();
        List<String> missing = sent.stream().filter(name -> !received.contains(name)).sorted().toList();
        if (!missing.isEmpty()) {
            refuse(path, "enum values map by name, and " + (direction == Direction.TO_PROTO ? thrift.name() + "'s "
                    + missing + " are not values of " + proto.getEnumType().getFullName() : proto.getEnumType()
                            .getFullName() + "'s " + missing + " are not values of " + thrift.name()));
        }
    }

    private static boolean integral(ThriftType type) {
        return type == Base.BYTE || type == Base.I16 || type == Base.I32 || type == Base.I64;
    }

    private void expect(boolean fits, String path, ThriftType thrift, FieldDescriptor proto) {
        if (!fits) {
            mismatch(path, thrift, proto);
        }
    }

    private void mismatch(String path, ThriftType thrift, FieldDescriptor proto) {
        refuse(path, "the Thrift " + thrift.display() + " cannot map to the protobuf " + (proto.isMapField()
                ? "map" : (proto.isRepeated() ? "repeated " : "") + typeName(proto)) + " field " + proto.getName());
    }

    private static String typeName(FieldDescriptor proto) {
        return switch (proto.getJavaType()) {
            case MESSAGE -> proto.getMessageType().getFullName();
            case ENUM -> proto.getEnumType().getFullName();
            default -> proto.getType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String names(Descriptor proto) {
        return proto.getFields().isEmpty() ? "none" : String.join(", ", proto.getFields().stream()
                .map(FieldDescriptor::getName).toList());
    }

    void refuse(String path, String why) {
        problems.add(path + ": " + why);
    }
}
