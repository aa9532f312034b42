package io.unikernal.etl.format;

import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.SourceRecord;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reader of records that are maps of name to value (a JSON object, an xlsx row under its header), whose fields are
 * named and typed by the first {@link FieldTyper#SAMPLE} records: it reads that many ahead once, then hands them out
 * and the rest in file order. A later record with a name the sample did not have is rejected ("not among the
 * fields"), and so is one whose value does not fit its field's type.
 */
public abstract class SampledSource extends SequentialSource {

    /** One record as read: its values by name, or the problem that made it unreadable. */
    public record Raw(Map<String, Object> values, String where, String problem, Object raw) {
        public static Raw of(Map<String, Object> values, String where) {
            return new Raw(values, where, null, null);
        }

        public static Raw bad(String problem, Object raw, String where) {
            return new Raw(null, where, problem, raw);
        }
    }

    private final FieldTyper typer;
    private final Deque<Raw> ahead = new ArrayDeque<>();
    private List<Field> fields;
    private Set<String> names;

    protected SampledSource(String where, FieldType mixed) {
        super(where);
        this.typer = new FieldTyper(mixed);
    }

    /** The next record as read, or null at the end. */
    protected abstract Raw readRaw() throws IOException;

    /** Names known before any record (an xlsx header), in order; empty when the records name them (JSON). */
    protected List<String> declaredNames() {
        return List.of();
    }

    /** Reads the sample and decides the fields: call once the reader is open. */
    protected final void sample() throws IOException {
        Set<String> seen = new LinkedHashSet<>(declaredNames());
        for (int i = 0; i < FieldTyper.SAMPLE; i++) {
            Raw raw = readRaw();
            if (raw == null) {
                break;
            }
            ahead.add(raw);
            if (raw.values() != null && declaredNames().isEmpty()) {
                seen.addAll(raw.values().keySet());
            }
        }
        List<String> order = new ArrayList<>(seen);
        List<Object[]> rows = new ArrayList<>();
        for (Raw raw : ahead) {
            if (raw.values() != null) {
                rows.add(order.stream().map(raw.values()::get).toArray());
            }
        }
        fields = typer.decide(order, rows);
        names = seen;
    }

    @Override
    public final List<Field> fields() {
        return fields;
    }

    @Override
    protected final SourceRecord read() throws IOException {
        Raw raw = ahead.isEmpty() ? readRaw() : ahead.poll();
        if (raw == null) {
            return null;
        }
        if (raw.values() == null) {
            return SourceRecord.bad(raw.problem(), raw.raw(), raw.where());
        }
        for (String name : raw.values().keySet()) {
            if (!names.contains(name)) {
                return SourceRecord.bad(name + " is not among the fields (" + String.join(", ", names)
                        + ": the names of the first " + FieldTyper.SAMPLE + " records)", raw.values(), raw.where());
            }
        }
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = raw.values().get(fields.get(i).name());
        }
        try {
            return SourceRecord.of(FieldTyper.conform(fields, values), raw.where());
        } catch (BadValue e) {
            return SourceRecord.bad(e.getMessage(), raw.values(), raw.where());
        }
    }
}
