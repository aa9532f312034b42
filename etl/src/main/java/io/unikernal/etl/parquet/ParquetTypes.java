package io.unikernal.etl.parquet;

import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** Parquet column types ↔ field types: which columns read as what, and what a field is written as. */
final class ParquetTypes {

    private ParquetTypes() {
    }

    /** The fields of a file's top-level columns; a nested or repeated column is refused, naming it. */
    static List<Field> fields(MessageType schema, String where) throws java.io.IOException {
        List<Field> fields = new ArrayList<>();
        for (Type column : schema.getFields()) {
            if (!column.isPrimitive() || column.isRepetition(Type.Repetition.REPEATED)) {
                throw new java.io.IOException(where + ": column " + column.getName() + " is a nested or repeated"
                        + " column (a list, map or struct); only flat columns are read");
            }
            PrimitiveType primitive = column.asPrimitiveType();
            fields.add(new Field(column.getName(), typeOf(primitive, where),
                    !column.isRepetition(Type.Repetition.REQUIRED)));
        }
        return fields;
    }

    static FieldType typeOf(PrimitiveType column, String where) throws java.io.IOException {
        LogicalTypeAnnotation logical = column.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation) {
            return FieldType.DECIMAL;
        }
        return switch (column.getPrimitiveTypeName()) {
            case BOOLEAN -> FieldType.BOOLEAN;
            case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? FieldType.DATE
                    : checkInteger(column, logical, where);
            case INT64 -> logical instanceof TimestampLogicalTypeAnnotation t
                    ? t.isAdjustedToUTC() ? FieldType.TIMESTAMP : FieldType.LOCAL_TIMESTAMP
                    : checkInteger(column, logical, where);
            case INT96 -> FieldType.TIMESTAMP;
            case FLOAT, DOUBLE -> FieldType.DOUBLE;
            case BINARY, FIXED_LEN_BYTE_ARRAY -> logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation ? FieldType.STRING
                    : logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation ? FieldType.JSON
                    : FieldType.BYTES;
        };
    }

    private static FieldType checkInteger(PrimitiveType column, LogicalTypeAnnotation logical, String where)
            throws java.io.IOException {
        if (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
            return FieldType.LONG;
        }
        throw new java.io.IOException(where + ": column " + column.getName() + " has type " + logical
                + ", which is not read yet");
    }

    /** The Parquet schema a writer of these fields writes. */
    static MessageType schema(List<Field> fields) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Field field : fields) {
            Type.Repetition repetition = field.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            Types.PrimitiveBuilder<PrimitiveType> column = switch (field.type()) {
                case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition);
                case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition);
                case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition);
                case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType());
                case LOCAL_TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS));
                case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
                case BYTES -> Types.primitive(PrimitiveTypeName.BINARY, repetition);
                case JSON -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.jsonType());
                // a decimal field carries no precision and scale: written as its exact text
                case TEXT, STRING, DECIMAL -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType());
            };
            message.addField(column.named(field.name()));
        }
        return message.named("record");
    }
}
