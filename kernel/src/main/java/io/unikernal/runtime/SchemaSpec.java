package io.unikernal.runtime;

import io.unikernal.udm.schema.FieldType;
import io.unikernal.udm.schema.UdmField;
import io.unikernal.udm.schema.UdmSchema;
import java.math.BigDecimal;
import java.util.List;

/**
 * The wire form of a {@link UdmSchema} in compiled output: the validate processor's JSON property. Only a
 * transport; the meaning of a UDL schema declaration is decided once, in {@code SchemaConversion}.
 */
public record SchemaSpec(String name, int version, List<Field> fields) {

    public record Field(String name, String type, boolean required, BigDecimal min, BigDecimal max, String pattern,
            List<Object> enumValues, String renamedFrom, Object defaultValue) {
    }

    public static SchemaSpec of(UdmSchema schema) {
        return new SchemaSpec(schema.name(), schema.version(), schema.fields().stream()
                .map(f -> new Field(f.name(), f.type().udlName(), f.required(), f.min(), f.max(), f.pattern(),
                        f.enumValues() == null ? null : List.copyOf(f.enumValues()), f.renamedFrom(),
                        f.defaultValue()))
                .toList());
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
