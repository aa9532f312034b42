package io.unikernal.udl.model;

import java.math.BigDecimal;
import java.util.List;

/** A field of a UDL schema. {@code type} is one of string, int, double, decimal, boolean, timestamp, object, array, any. */
public record FieldDecl(String name, String type, boolean required, BigDecimal min, BigDecimal max, String pattern,
        List<Object> enumValues, String renamedFrom, Object defaultValue, String description, SourcePos pos) {
}
