package io.unikernal.runtime;

import io.unikernal.udm.schema.FieldType;
import io.unikernal.udm.schema.UdmField;
import io.unikernal.udm.schema.UdmSchema;
import java.math.BigDecimal;
import java.util.List;

/** A UDL schema as the validate processor receives it (JSON in the compiled output). */
public record SchemaSpec(String name, int version, List<Field> fields) {

    public record Field(String name, String type, boolean required, BigDecimal min, BigDecimal max, String pattern,
            List<Object> enumValues, String renamedFrom, Object defaultValue) {
    }

    public UdmSchema toUdmSchema() {
        UdmSchema.Builder builder = UdmSchema.builder(name, version);
        for (Field f : fields) {
            builder.field(UdmField.builder(f.name(), FieldType.fromUdl(f.type())).required(f.required()).min(f.min())
                    .max(f.max()).pattern(f.pattern()).enumValues(f.enumValues()).renamedFrom(f.renamedFrom())
                    .defaultValue(f.defaultValue()));
        }
        return builder.build();
    }
}
