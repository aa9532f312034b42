package io.unikernal.runtime;

import java.math.BigDecimal;
import java.util.List;

/** A UDL schema as the validate processor receives it (JSON in the compiled output). */
public record SchemaSpec(String name, int version, List<Field> fields) {

    public record Field(String name, String type, boolean required, BigDecimal min, BigDecimal max, String pattern,
            List<Object> enumValues, String renamedFrom, Object defaultValue) {
    }
}
