package io.unikernal.etl.transform;

import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.RecordTransform.Output;
import io.unikernal.etl.spi.SourceRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code join: {with: <a source>, on: [fields], type: inner | left, fields: [...], rows: n}}: a hash join of the
 * pipeline's records with a second source, read whole when the run opens (at most {@code rows} records: more stop
 * the run, so its memory is bounded) and keyed by its {@code on} fields. Each record is handed on once per matching
 * row, with the row's {@code fields} (default: all but the keys) added; one without a match is dropped ({@code inner})
 * or handed on with them null ({@code left}). Keys compare by value: numbers and numeric text by their number (CSV's
 * "7" matches a table's 7); null keys match nothing, as in SQL. It holds no record, so it never delays a checkpoint;
 * the second source is read anew by every run.
 */
final class JoinStep implements Step {

    private final String at;
    private final RecordSource.Factory with;
    private final List<String> on;
    private final boolean left;
    private final List<String> fields;
    private final int maxRows;
    private final Map<List<Object>, List<Object[]>> rows = new HashMap<>();
    private int[] leftKeys;
    private int[] added;

    JoinStep(String at, RecordSource.Factory with, List<String> on, String type, List<String> fields, int maxRows) {
        this.at = at;
        this.with = with;
        this.on = List.copyOf(on);
        this.left = type.equals("left");
        this.fields = List.copyOf(fields);
        this.maxRows = maxRows;
    }

    @Override
    public List<Field> open(List<Field> in) throws PipelineException {
        String step = "join at " + at;
        leftKeys = new int[on.size()];
        for (int i = 0; i < on.size(); i++) {
            leftKeys[i] = Step.require(in, on.get(i), step);
        }
        rows.clear();
        try (RecordSource second = with.create()) {
            List<Field> theirs = second.fields();
            if (theirs.isEmpty()) {
                return withAdded(in, theirs, step + " (" + second.describe() + " is empty)");
            }
            int[] keys = new int[on.size()];
            for (int i = 0; i < on.size(); i++) {
                keys[i] = Step.require(theirs, on.get(i), step + " (" + second.describe() + ")");
            }
            List<Field> out = withAdded(in, theirs, step);
            second.resume(null);
            long count = 0;
            for (SourceRecord record = second.next(); record != null; record = second.next()) {
                if (record.isBad()) {
                    throw new PipelineException(step + ": " + record.where() + " of " + second.describe() + ": "
                            + record.problem() + "; the join reads its second source whole, fix it and run again");
                }
                if (++count > maxRows) {
                    throw new PipelineException(step + ": " + second.describe() + " has more than " + maxRows
                            + " records (its rows: bound, what the join holds in memory); raise rows: or join a"
                            + " smaller source (a query of the table)");
                }
                Object[] values = record.values();
                List<Object> key = key(values, keys);
                if (key != null) {
                    Object[] kept = new Object[added.length];
                    for (int i = 0; i < added.length; i++) {
                        kept[i] = values[added[i]];
                    }
                    rows.computeIfAbsent(key, k -> new ArrayList<>(1)).add(kept);
                }
            }
            return out;
        } catch (PipelineException e) {
            throw e;
        } catch (IOException e) {
            throw new PipelineException(step + ": cannot read " + with.describe() + ": " + e.getClass()
                    .getSimpleName());
        }
    }

    /** The records' fields, then the second source's added ones; a name in both is refused. */
    private List<Field> withAdded(List<Field> in, List<Field> theirs, String step) throws PipelineException {
        List<String> names = fields.isEmpty() ? theirs.stream().map(Field::name).filter(n -> !on.contains(n))
                .toList() : fields;
        List<Field> out = new ArrayList<>(in);
        added = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            added[i] = Step.require(theirs, name, step);
            if (Step.indexOf(in, name) >= 0) {
                throw new PipelineException(step + ": both sources have a field '" + name + "'; name the fields to"
                        + " add with fields: [...], or rename it first (map:)");
            }
            Field field = theirs.get(added[i]);
            out.add(new Field(field.name(), field.type(), true));
        }
        return List.copyOf(out);
    }

    @Override
    public void apply(Object[] values, Output out) {
        List<Object> key = key(values, leftKeys);
        List<Object[]> matches = key == null ? null : rows.get(key);
        if (matches == null) {
            if (left) {
                out.accept(Arrays.copyOf(values, values.length + added.length));
            }
            return;
        }
        for (Object[] match : matches) {
            Object[] joined = Arrays.copyOf(values, values.length + added.length);
            System.arraycopy(match, 0, joined, values.length, added.length);
            out.accept(joined);
        }
    }

    /** The key of a record: its values compared by value; null when one is null (it matches nothing). */
    private static List<Object> key(Object[] values, int[] at) {
        Object[] key = new Object[at.length];
        for (int i = 0; i < at.length; i++) {
            Object value = values[at[i]];
            if (value == null) {
                return null;
            }
            key[i] = comparable(value);
        }
        return Arrays.asList(key);
    }

    /** Numbers and numeric text as their number's plain text, anything else as its text. */
    private static Object comparable(Object value) {
        String text = value.toString();
        if (value instanceof Number || value instanceof String && !text.isEmpty() && text.length() < 40
                && (Character.isDigit(text.charAt(text.length() - 1)))) {
            try {
                return new BigDecimal(text.trim()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return text;
            }
        }
        return value instanceof byte[] bytes ? Arrays.toString(bytes) : text;
    }
}
