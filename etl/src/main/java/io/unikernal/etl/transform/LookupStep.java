package io.unikernal.etl.transform;

import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTransform.Output;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@code lookup: {system: db, table: regions, on: {region_id: id}, fields: [name]}}: a lookup join — each record's
 * {@code on} fields find one row of a table of a database system, whose {@code fields} columns are added to the
 * record. A record without a match gets nulls ({@code missing: null}), is rejected ({@code reject}) or dropped
 * ({@code drop}); a key matching several rows is rejected. Answers are kept in a bounded cache ({@code cache}
 * entries), so a table's rows are asked for once per run while they fit.
 */
final class LookupStep implements Step {

    private final String at;
    private final DataSource dataSource;
    private final String table;
    private final Map<String, String> on;
    private final List<String> columns;
    private final String missing;
    private final BoundedCache<List<Object>, Optional<Object[]>> cache;
    private int[] keyIndex;
    private int[] keyTypes;
    private String query;
    private int width;

    LookupStep(String at, DataSource dataSource, String table, Map<String, String> on, List<String> columns,
            String missing, int cacheSize) {
        this.at = at;
        this.dataSource = dataSource;
        this.table = table;
        this.on = new LinkedHashMap<>(on);
        this.columns = List.copyOf(columns);
        this.missing = missing;
        this.cache = new BoundedCache<>(cacheSize, null);
    }

    @Override
    public List<Field> open(List<Field> in) throws PipelineException {
        String step = "lookup at " + at;
        keyIndex = new int[on.size()];
        int i = 0;
        for (String field : on.keySet()) {
            keyIndex[i++] = Step.require(in, field, step);
        }
        List<Field> out = new ArrayList<>(in);
        List<String> keyColumns = new ArrayList<>(on.values());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement none = connection.prepareStatement("SELECT " + names(columns) + ", "
                        + names(keyColumns) + " FROM " + table + " WHERE 1 = 0");
                ResultSet result = none.executeQuery()) {
            ResultSetMetaData meta = result.getMetaData();
            for (int c = 0; c < columns.size(); c++) {
                if (Step.indexOf(out, columns.get(c)) >= 0) {
                    throw new PipelineException(step + ": the records have a field '" + columns.get(c)
                            + "' already; the lookup would replace it");
                }
                out.add(new Field(columns.get(c), type(meta.getColumnType(c + 1)), true));
            }
            keyTypes = new int[keyColumns.size()];
            for (int k = 0; k < keyColumns.size(); k++) {
                keyTypes[k] = meta.getColumnType(columns.size() + k + 1);
            }
        } catch (SQLException e) {
            throw new PipelineException(step + ": table " + table + " cannot be read: " + message(e));
        }
        query = "SELECT " + names(columns) + " FROM " + table + " WHERE " + keyColumns.stream()
                .map(c -> quote(c) + " = ?").collect(Collectors.joining(" AND "));
        width = out.size();
        return List.copyOf(out);
    }

    @Override
    public void apply(Object[] values, Output out) throws BadValue, PipelineException {
        Object[] key = new Object[keyIndex.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = values[keyIndex[i]];
        }
        List<Object> cacheKey = Arrays.asList(key);
        Optional<Object[]> row = cache.get(cacheKey);
        if (row == null) {
            row = Arrays.asList(key).contains(null) ? Optional.empty() : find(key);
            cache.put(cacheKey, row);
        }
        if (row.isEmpty()) {
            switch (missing) {
                case "drop" -> {
                    return;
                }
                case "reject" -> throw new BadValue("lookup at " + at + ": no row of " + table + " has "
                        + on.values() + " = " + cacheKey);
                default -> {
                    // nulls for the looked-up fields
                }
            }
        }
        Object[] result = Arrays.copyOf(values, width);
        if (row.isPresent()) {
            System.arraycopy(row.get(), 0, result, values.length, columns.size());
        }
        out.accept(result);
    }

    private Optional<Object[]> find(Object[] key) throws BadValue, PipelineException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(query)) {
            select.setMaxRows(2);
            for (int i = 0; i < key.length; i++) {
                bind(select, i + 1, key[i], keyTypes[i]);
            }
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                Object[] row = new Object[columns.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = plain(result.getObject(c + 1));
                }
                if (result.next()) {
                    throw new BadValue("lookup at " + at + ": more than one row of " + table + " has " + on.values()
                            + " = " + Arrays.asList(key) + " (the lookup's key must be unique)");
                }
                return Optional.of(row);
            }
        } catch (SQLException e) {
            throw new PipelineException("lookup at " + at + ": table " + table + " cannot be read: " + message(e));
        }
    }

    /** A key value bound as its column's type (a CSV text key compared with an integer column). */
    private void bind(PreparedStatement select, int index, Object value, int sqlType) throws SQLException,
            BadValue {
        try {
            switch (sqlType) {
                case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT ->
                        select.setLong(index, value instanceof Number n ? n.longValue()
                                : Long.parseLong(value.toString()));
                case Types.NUMERIC, Types.DECIMAL -> select.setBigDecimal(index, value instanceof BigDecimal d ? d
                        : new BigDecimal(value.toString()));
                case Types.DOUBLE, Types.FLOAT, Types.REAL -> select.setDouble(index, value instanceof Number n
                        ? n.doubleValue() : Double.parseDouble(value.toString()));
                default -> select.setObject(index, value instanceof String ? value : value.toString());
            }
        } catch (NumberFormatException e) {
            throw new BadValue("lookup at " + at + ": key '" + value + "' is no number, as its column is");
        }
    }

    private static Object plain(Object value) throws SQLException {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value;
    }

    private static FieldType type(int sqlType) {
        return switch (sqlType) {
            case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT -> FieldType.LONG;
            case Types.NUMERIC, Types.DECIMAL -> FieldType.DECIMAL;
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> FieldType.DOUBLE;
            case Types.BOOLEAN, Types.BIT -> FieldType.BOOLEAN;
            case Types.DATE -> FieldType.DATE;
            case Types.TIMESTAMP -> FieldType.LOCAL_TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> FieldType.TIMESTAMP;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> FieldType.BYTES;
            default -> FieldType.STRING;
        };
    }

    private static String names(List<String> columns) {
        return columns.stream().map(LookupStep::quote).collect(Collectors.joining(", "));
    }

    /** Columns are written as UDL names (letters, digits, '_': checked), unquoted so every SQL dialect reads them. */
    private static String quote(String identifier) {
        return identifier;
    }

    private static String message(SQLException e) {
        return io.unikernal.etl.postgres.SqlMessages.of(e);
    }

    int cached() {
        return cache.entries();
    }
}
