package io.unikernal.udl.check;

import io.unikernal.udl.model.FieldDecl;
import io.unikernal.udl.model.SchemaDecl;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.spec.UdlSpec;
import io.unikernal.udm.schema.FieldType;
import io.unikernal.udm.schema.UdmField;
import io.unikernal.udm.schema.UdmSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The one place that turns UDL schema declarations into UDM schemas (used by the checks and by the compiler). */
public final class SchemaConversion {

    private SchemaConversion() {
    }

    /**
     * The UDM schema a declaration describes.
     *
     * @throws IllegalArgumentException quoting the bad value, for a declaration the checks would reject
     */
    public static UdmSchema toUdm(SchemaDecl decl) {
        UdmSchema.Builder builder = UdmSchema.builder(decl.name(), decl.version());
        for (FieldDecl field : decl.fields().values()) {
            builder.field(toUdm(field));
        }
        return builder.build();
    }

    /** The UDM field a declaration describes; throws IllegalArgumentException like {@link #toUdm(SchemaDecl)}. */
    public static UdmField toUdm(FieldDecl field) {
        UdmField.Builder b = UdmField.builder(field.name(), fieldType(field.type()))
                .required(field.required())
                .min(field.min())
                .max(field.max())
                .pattern(field.pattern())
                .enumValues(field.enumValues())
                .renamedFrom(field.renamedFrom())
                .description(field.description());
        if (field.defaultValue() != null) {
            b.defaultValue(field.defaultValue());
        }
        return b.build();
    }

    /** The UDM type of a UDL type name; throws IllegalArgumentException listing the valid ones. */
    public static FieldType fieldType(String udlType) {
        if (udlType == null || !UdlSpec.FIELD_TYPES.contains(udlType)) {
            throw new IllegalArgumentException("unknown field type '" + udlType + "'; expected one of "
                    + String.join(", ", UdlSpec.FIELD_TYPES));
        }
        return FieldType.fromUdl(udlType);
    }

    /** The UDM schema, or empty when the declaration is not valid (the checks report why). */
    public static Optional<UdmSchema> tryToUdm(SchemaDecl decl) {
        try {
            return Optional.of(toUdm(decl));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Every valid schema of a document, by name. */
    public static Map<String, UdmSchema> all(UdlDocument doc) {
        Map<String, UdmSchema> schemas = new LinkedHashMap<>();
        doc.schemas().forEach((name, decl) -> tryToUdm(decl).ifPresent(s -> schemas.put(name, s)));
        return schemas;
    }
}
