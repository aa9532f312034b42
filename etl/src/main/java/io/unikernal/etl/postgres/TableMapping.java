package io.unikernal.etl.postgres;

import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.PipelineException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the source's fields map to the table's columns, decided once per run: each field name is a column of the
 * table (exactly, else ignoring case), none twice, each of a type pipelines load; the key columns are among the
 * fields. Columns the source lacks keep their defaults.
 */
record TableMapping(List<Column> columns, List<String> key) {

    static TableMapping of(List<Field> fields, List<Column> table, List<String> key, String tableName)
            throws PipelineException {
        List<Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Field field : fields) {
            String name = field.name();
            Column column = table.stream().filter(c -> c.name().equals(name)).findFirst()
                    .or(() -> table.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst())
                    .orElse(null);
            if (column == null) {
                throw new PipelineException("column '" + name + "' of the source is no column of " + tableName
                        + " (" + String.join(", ", table.stream().map(Column::name).toList()) + ")");
            }
            if (!seen.add(column.name())) {
                throw new PipelineException("the source names column " + column.name() + " twice");
            }
            if (!column.supported()) {
                throw new PipelineException("column " + column.name() + " of " + tableName + " has type "
                        + column.type() + ", which pipelines do not load yet (they load " + String.join(", ",
                                new java.util.TreeSet<>(Column.TYPES)) + ")");
            }
            columns.add(column);
        }
        List<String> keyColumns = new ArrayList<>();
        for (String name : key) {
            Column column = columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst().orElse(null);
            if (column == null) {
                throw new PipelineException("key column " + name + " is not among the source's fields: an upsert"
                        + " needs every row's key");
            }
            keyColumns.add(column.name());
        }
        return new TableMapping(List.copyOf(columns), List.copyOf(keyColumns));
    }

    /** The record's values in column order, each as the database's text. */
    List<String> convert(Object[] values) throws BadValue {
        if (values.length != columns.size()) {
            throw new BadValue("the record has " + values.length + " values, the source's fields " + columns.size());
        }
        List<String> converted = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            converted.add(columns.get(i).convertValue(values[i]));
        }
        return converted;
    }
}
