package io.unikernal.etl.jdbc;

import io.unikernal.etl.postgres.Column;
import io.unikernal.etl.spi.BadValue;
import java.math.BigDecimal;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * A column of a JDBC target table and how a record's value becomes the value bound for it. Every value goes through
 * the PostgreSQL loader's checks ({@link Column#convertValue}: the same accepted forms, nothing rounded, trimmed or cut),
 * by the column's JDBC type, and is bound as the Java type the driver stores exactly.
 *
 * @param column the checks, by the equivalent PostgreSQL type
 * @param tiny a TINYINT column: -128..127 on top of int2's checks
 */
record TargetColumn(Column column, boolean tiny) {

    /** Column {@code i} of the table's metadata; null when its type is none a pipeline loads. */
    static TargetColumn of(ResultSetMetaData meta, int i) throws SQLException {
        String type = switch (meta.getColumnType(i)) {
            case Types.TINYINT, Types.SMALLINT -> "int2";
            case Types.INTEGER -> "int4";
            case Types.BIGINT -> "int8";
            case Types.DECIMAL, Types.NUMERIC -> "numeric";
            case Types.REAL -> "float4";
            case Types.FLOAT, Types.DOUBLE -> "float8";
            case Types.BOOLEAN -> "bool";
            case Types.BIT -> meta.getPrecision(i) <= 1 ? "bool" : null;
            case Types.DATE -> "date";
            case Types.TIMESTAMP -> "timestamp";
            case Types.TIMESTAMP_WITH_TIMEZONE -> "timestamptz";
            case Types.CHAR, Types.NCHAR -> "bpchar";
            case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB -> "varchar";
            default -> null;
        };
        if (type == null) {
            return null;
        }
        return new TargetColumn(new Column(meta.getColumnName(i), type, meta.getPrecision(i), meta.getScale(i),
                meta.isNullable(i) != ResultSetMetaData.columnNoNulls), meta.getColumnType(i) == Types.TINYINT);
    }

    String name() {
        return column.name();
    }

    /** The value to bind, null for SQL NULL; a value that does not fit throws with the reason. */
    Object convert(Object value) throws BadValue {
        String text = column.convertValue(value);
        if (text == null) {
            return null;
        }
        return switch (column.type()) {
            case "int2", "int4", "int8" -> {
                long whole = Long.parseLong(text);
                if (tiny && (whole < Byte.MIN_VALUE || whole > Byte.MAX_VALUE)) {
                    throw new BadValue("column " + name() + " (tinyint) holds -128..127, not " + text);
                }
                yield whole;
            }
            case "numeric" -> new BigDecimal(text);
            case "float4", "float8" -> Double.valueOf(text);
            case "bool" -> "t".equals(text);
            case "date" -> LocalDate.parse(text);
            case "timestamp" -> LocalDateTime.parse(text);
            case "timestamptz" -> OffsetDateTime.parse(text);
            default -> text;
        };
    }
}
