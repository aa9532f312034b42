package io.unikernal.etl.run;

import io.unikernal.etl.postgres.Column;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a file's header maps to the target's columns, decided once per run: each header name is a column of the
 * table (exactly, else ignoring case), none twice, each of a type pipelines load; the key columns are in the file.
 * Columns the file lacks keep their defaults.
 */
record Plan(List<Column> columns, List<String> key) {

    static Plan of(List<String> header, List<Column> table, List<String> key, String tableName, Path file) {
        List<Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            if (name == null || name.isBlank()) {
                throw new PipelineFailure(file + ":1: the header has a column without a name");
            }
            Column column = table.stream().filter(c -> c.name().equals(name)).findFirst()
                    .or(() -> table.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst())
                    .orElseThrow(() -> new PipelineFailure(file + ":1: column '" + name + "' of the header is no"
                            + " column of " + tableName + " (" + String.join(", ", table.stream().map(Column::name)
                                    .toList()) + ")"));
            if (!seen.add(column.name())) {
                throw new PipelineFailure(file + ":1: the header names column " + column.name() + " twice");
            }
            if (!column.supported()) {
                throw new PipelineFailure("column " + column.name() + " of " + tableName + " has type "
                        + column.type() + ", which pipelines do not load yet (they load " + String.join(", ",
                                new java.util.TreeSet<>(Column.TYPES)) + ")");
            }
            columns.add(column);
        }
        List<String> keyColumns = new ArrayList<>();
        for (String name : key) {
            Column column = columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new PipelineFailure("key column " + name + " is not in the header of "
                            + file + ": an upsert needs every row's key"));
            keyColumns.add(column.name());
        }
        return new Plan(List.copyOf(columns), List.copyOf(keyColumns));
    }

    /** The row's values in column order; a field count other than the header's, or a bad value, rejects it. */
    List<String> convert(List<String> fields) throws Column.BadValue {
        if (fields.size() != columns.size()) {
            throw new Column.BadValue("the row has " + fields.size() + " fields, the header " + columns.size());
        }
        List<String> values = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            values.add(columns.get(i).convert(fields.get(i)));
        }
        return values;
    }
}
