package io.unikernal.etl.transform;

import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.expr.CelExpressionException;
import io.unikernal.expr.CelExpressions;
import io.unikernal.expr.CelPredicates;
import io.unikernal.expr.ExpressionProblem;
import io.unikernal.udm.schema.UdmField;
import io.unikernal.udm.schema.UdmSchema;
import java.util.List;
import java.util.Map;

/**
 * The kernel's CEL (its environment, compiler and evaluator) over records: expressions are type-checked against the
 * records' fields when a run opens the steps, and evaluated per record; a failure rejects the record with CEL's reason.
 */
final class Cel {

    private Cel() {
    }

    /** The fields as a schema CEL types variables by. */
    static UdmSchema schema(List<Field> fields) {
        UdmSchema.Builder schema = UdmSchema.builder("record", 1);
        for (Field field : fields) {
            schema.field(UdmField.builder(field.name(), udm(field.type())));
        }
        return schema.build();
    }

    private static io.unikernal.udm.schema.FieldType udm(FieldType type) {
        return switch (type) {
            case TEXT, STRING, DATE, LOCAL_TIMESTAMP, TIMESTAMP -> io.unikernal.udm.schema.FieldType.STRING;
            case LONG -> io.unikernal.udm.schema.FieldType.INT;
            case DOUBLE, DECIMAL -> io.unikernal.udm.schema.FieldType.DOUBLE;
            case BOOLEAN -> io.unikernal.udm.schema.FieldType.BOOLEAN;
            case BYTES, JSON -> io.unikernal.udm.schema.FieldType.ANY;
        };
    }

    /**
     * Checks {@code source} against the fields and answers the type of its result; problems stop the run before any
     * record, at the step's place ({@code bool} required when {@code predicate}).
     */
    static FieldType check(String source, List<Field> fields, String step, boolean predicate)
            throws PipelineException {
        CelExpressions.CheckResult result = CelExpressions.analyse(source, schema(fields));
        for (ExpressionProblem problem : result.problems()) {
            throw new PipelineException(step + ": " + problem.message() + (problem.kind()
                    == ExpressionProblem.Kind.TYPE && fields.stream().anyMatch(f -> f.type() == FieldType.TEXT)
                            ? " (fields read from text, like CSV's, are strings: convert them first, e.g."
                                    + " - convert: {age: long})" : ""));
        }
        String type = result.resultType().orElse("dyn");
        if (predicate && !type.equals("bool") && !type.equals("dyn")) {
            throw new PipelineException(step + ": a filter must be true or false, but '" + source + "' is " + type);
        }
        return switch (type) {
            case "int" -> FieldType.LONG;
            case "double" -> FieldType.DOUBLE;
            case "string" -> FieldType.STRING;
            case "bool" -> FieldType.BOOLEAN;
            case "bytes" -> FieldType.BYTES;
            default -> FieldType.JSON;
        };
    }

    static Object evaluate(String source, Map<String, Object> record, String step) throws BadValue {
        try {
            return CelPredicates.evaluate(source, record, Map.of());
        } catch (CelExpressionException e) {
            throw new BadValue(step + ": " + e.getMessage());
        }
    }

    static boolean test(String source, Map<String, Object> record, String step) throws BadValue {
        try {
            return CelPredicates.test(source, record);
        } catch (CelExpressionException e) {
            throw new BadValue(step + ": " + e.getMessage());
        }
    }
}
