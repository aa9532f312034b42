package io.unikernal.etl.csv;

import java.util.List;

/**
 * One record of a CSV file: its fields as written (quotes removed; null for an unquoted empty field) and the line it starts on (1-based; a quoted
 * field with line breaks makes a record span several lines). {@code index} counts data records from 0, the header
 * not included: a checkpoint is the number of records consumed.
 */
public record CsvRow(List<String> fields, long line, long index) {
}
