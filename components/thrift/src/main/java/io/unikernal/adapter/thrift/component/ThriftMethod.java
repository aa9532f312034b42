package io.unikernal.adapter.thrift.component;

import io.unikernal.adapter.thrift.component.ThriftType.Field;
import io.unikernal.adapter.thrift.component.ThriftType.StructType;
import java.util.List;

/**
 * A method of a service in the IDL: {@code Service.method} is how UDL names it, {@code name} how it travels (Thrift
 * messages carry the bare method name). {@code result} is null for {@code void}; {@code exceptions} are the fields of
 * its {@code throws} clause.
 */
public record ThriftMethod(String service, String name, boolean oneway, StructType arguments, ThriftType result,
        List<Field> exceptions) {

    public String fullName() {
        return service + "." + name;
    }

    /** The declared exception of this type name (the IDL's struct name, without include prefix), or null. */
    public Field exception(String typeName) {
        for (Field field : exceptions) {
            if (((StructType) field.type()).name().equals(typeName) || field.name().equals(typeName)) {
                return field;
            }
        }
        return null;
    }

    /** The struct a reply carries: field 0 the result (absent for void), then the declared exceptions. */
    public StructType resultType() {
        StructType type = new StructType(name + "_result", StructType.Kind.STRUCT);
        if (result != null) {
            type.add(new Field((short) 0, "success", result, false));
        }
        exceptions.forEach(type::add);
        return type;
    }

    /** The names of the declared exception types, for messages. */
    public List<String> exceptionNames() {
        return exceptions.stream().map(f -> f.type().display()).toList();
    }
}
