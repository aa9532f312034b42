package io.unikernal.etl.jdbc;

import io.unikernal.etl.spi.FieldType;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;

/** Values read from a JDBC row as the {@link FieldType} their column's type says. */
final class JdbcValues {

    private JdbcValues() {
    }

    /** The field type of column {@code i}. */
    static FieldType type(ResultSetMetaData meta, int i) throws SQLException {
        return switch (meta.getColumnType(i)) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> FieldType.LONG;
            case Types.DECIMAL, Types.NUMERIC -> FieldType.DECIMAL;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> FieldType.DOUBLE;
            case Types.BOOLEAN, Types.BIT -> meta.getPrecision(i) > 1 ? FieldType.BYTES : FieldType.BOOLEAN;
            case Types.DATE -> FieldType.DATE;
            case Types.TIMESTAMP -> FieldType.LOCAL_TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> FieldType.TIMESTAMP;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> FieldType.BYTES;
            default -> FieldType.STRING;
        };
    }

    /** Column {@code i} of the current row as {@code type}'s Java class, null for SQL NULL. */
    static Object read(ResultSet row, int i, FieldType type) throws SQLException {
        Object value = row.getObject(i);
        if (value == null) {
            return null;
        }
        return switch (type) {
            case LONG -> value instanceof Number n ? (Object) n.longValue() : Long.valueOf(value.toString());
            case DECIMAL -> value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
            case DOUBLE -> value instanceof Number n ? (Object) n.doubleValue() : Double.valueOf(value.toString());
            case BOOLEAN -> value instanceof Boolean b ? b : (Object) (((Number) value).intValue() != 0);
            case DATE -> value instanceof java.sql.Date d ? d.toLocalDate() : row.getObject(i, java.time.LocalDate.class);
            case LOCAL_TIMESTAMP -> value instanceof Timestamp ts ? ts.toLocalDateTime()
                    : row.getObject(i, java.time.LocalDateTime.class);
            case TIMESTAMP -> value instanceof OffsetDateTime odt ? odt.toInstant()
                    : row.getObject(i, OffsetDateTime.class).toInstant();
            case BYTES -> row.getBytes(i);
            default -> value instanceof TemporalAccessor || value instanceof String ? value.toString()
                    : row.getString(i);
        };
    }
}
