package io.unikernal.udl.check;

import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.FieldDecl;
import io.unikernal.udl.model.SchemaDecl;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.spec.UdlSpec;
import io.unikernal.udm.schema.FieldType;
import io.unikernal.udm.schema.UdmField;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Field types, bounds, patterns, defaults and renames of schema declarations. */
final class SchemaChecks {

    private final Problems problems;

    SchemaChecks(Problems problems) {
        this.problems = problems;
    }

    void check(UdlDocument doc) {
        for (SchemaDecl schema : doc.schemas().values()) {
            for (FieldDecl field : schema.fields().values()) {
                check(schema, field);
            }
        }
    }

    private void check(SchemaDecl schema, FieldDecl field) {
        if (field.type() == null || !UdlSpec.FIELD_TYPES.contains(field.type())) {
            return; // reported by the shape check
        }
        FieldType type = SchemaConversion.fieldType(field.type());
        if ((field.min() != null || field.max() != null) && !type.isNumeric()) {
            problems.add(UdlMessages.boundsOnNonNumeric(field.pos(), field.name(), field.type()));
        } else if (field.min() != null && field.max() != null && field.min().compareTo(field.max()) > 0) {
            problems.add(UdlMessages.minAboveMax(field.pos(), field.name(), field.min().toPlainString(),
                    field.max().toPlainString()));
        }
        if (field.pattern() != null) {
            if (type != FieldType.STRING) {
                problems.add(UdlMessages.patternOnNonString(field.pos(), field.name(), field.type()));
            } else {
                try {
                    Pattern.compile(field.pattern());
                } catch (PatternSyntaxException e) {
                    problems.add(UdlMessages.badPattern(field.pos(), field.name(), field.pattern(),
                            e.getDescription()));
                }
            }
        }
        if (field.defaultValue() != null) {
            try {
                UdmField.builder(field.name(), type).defaultValue(field.defaultValue());
            } catch (IllegalArgumentException e) {
                problems.add(UdlMessages.badFieldValue(field.pos(), field.name(), "default " + field.defaultValue()
                        + " is not a " + field.type()));
            }
        }
        if (field.renamedFrom() != null && schema.fields().containsKey(field.renamedFrom())) {
            problems.add(UdlMessages.badFieldValue(field.pos(), field.name(), "renamedFrom '" + field.renamedFrom()
                    + "' is also a current field of schema " + schema.name()));
        }
    }
}
