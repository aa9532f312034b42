package io.unikernal.etl.transform;

import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTransform.Output;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code aggregate: {by: [...], count: n, sum: {out: field}, avg: ..., min: ..., max: ...}}: one record per group —
 * its {@code by} values, then (windowed) {@code window_start} and {@code window_end}, then the count and the
 * aggregates in the order written. Without a window the groups are handed on when a bounded source ends; with
 * {@code window: 1m} (tumbling windows on the time records arrive, for streams) when a window's time is over. With
 * {@code time: field} the windows are on the records' own time ({@link EventWindows}: tumbling, or sliding by
 * {@code slide}, closed by a watermark, late records rejected). The state is bounded: more than {@code groups} groups
 * (in all open windows) stop the run. Nulls are skipped (as SQL does); a value that is no number for sum or avg
 * rejects its record, which then counts nowhere.
 */
final class AggregateStep implements Step {

    /** What an aggregate computes from one field. */
    enum Function {
        SUM, AVG, MIN, MAX
    }

    /** One aggregate: its output name, its function, the field it reads. */
    record Aggregate(String out, Function function, String field) {
    }

    private final String at;
    private final List<String> by;
    private final String count;
    private final List<Aggregate> aggregates;
    private final int maxGroups;
    private final Duration window;
    private final Map<List<Object>, Object[]> groups = new LinkedHashMap<>();
    private int[] byIndex;
    private int[] fieldIndex;
    private boolean[] longSum;
    private boolean[] numeric;
    private Instant windowStart;
    private final EventWindows events;

    AggregateStep(String at, List<String> by, String count, List<Aggregate> aggregates, int maxGroups,
            Duration window, EventWindows.Spec eventTime) {
        this.at = at;
        this.by = List.copyOf(by);
        this.count = count;
        this.aggregates = List.copyOf(aggregates);
        this.maxGroups = maxGroups;
        this.window = window;
        this.events = eventTime == null ? null : new EventWindows("aggregate at " + at, eventTime, maxGroups,
                this::newState, this::row);
    }

    @Override
    public List<Field> open(List<Field> in) throws PipelineException {
        String step = "aggregate at " + at;
        List<Field> out = new ArrayList<>();
        byIndex = new int[by.size()];
        for (int i = 0; i < by.size(); i++) {
            byIndex[i] = Step.require(in, by.get(i), step);
            out.add(in.get(byIndex[i]));
        }
        if (events != null) {
            events.open(in);
        }
        if (window != null) {
            out.add(new Field("window_start", FieldType.TIMESTAMP, false));
            out.add(new Field("window_end", FieldType.TIMESTAMP, false));
        }
        if (count != null) {
            out.add(new Field(count, FieldType.LONG, false));
        }
        fieldIndex = new int[aggregates.size()];
        longSum = new boolean[aggregates.size()];
        numeric = new boolean[aggregates.size()];
        for (int i = 0; i < aggregates.size(); i++) {
            Aggregate a = aggregates.get(i);
            fieldIndex[i] = Step.require(in, a.field(), step);
            Field source = in.get(fieldIndex[i]);
            longSum[i] = a.function() == Function.SUM && source.type() == FieldType.LONG;
            numeric[i] = !longSum[i] && (a.function() == Function.SUM || a.function() == Function.AVG
                    || source.type() == FieldType.TEXT);
            FieldType type = switch (a.function()) {
                case SUM -> longSum[i] ? FieldType.LONG : FieldType.DECIMAL;
                case AVG -> FieldType.DECIMAL;
                case MIN, MAX -> source.type() == FieldType.TEXT ? FieldType.DECIMAL : source.type();
            };
            out.add(new Field(a.out(), type, true));
        }
        return List.copyOf(out);
    }

    @Override
    public void apply(Object[] values, Output out) throws BadValue, PipelineException {
        Object[] inputs = new Object[aggregates.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = input(values[fieldIndex[i]], i); // all read first: a bad value changes no group
        }
        Object[] key = new Object[byIndex.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = values[byIndex[i]];
        }
        List<Object> groupKey = Arrays.asList(key);
        if (events != null) {
            for (Object[] state : events.add(values, groupKey, out)) {
                fold(state, inputs);
            }
            events.close(out);
            return;
        }
        Object[] state = groups.get(groupKey);
        if (state == null) {
            if (groups.size() >= maxGroups) {
                throw new PipelineException("aggregate at " + at + " holds " + maxGroups + " groups already (its"
                        + " groups: bound); raise groups: or group by fewer values");
            }
            if (groups.isEmpty() && window != null) {
                windowStart = windowOf(Instant.now());
            }
            state = newState();
            groups.put(groupKey, state);
        }
        fold(state, inputs);
    }

    private Object[] newState() {
        Object[] state = new Object[1 + 2 * aggregates.size()];
        state[0] = 0L;
        return state;
    }

    private void fold(Object[] state, Object[] inputs) {
        state[0] = (Long) state[0] + 1;
        for (int i = 0; i < inputs.length; i++) {
            fold(state, i, inputs[i]);
        }
    }

    /** The value an aggregate folds: a number for sum and avg (text is read as a decimal), else as it is. */
    private Object input(Object value, int i) throws BadValue {
        if (value == null) {
            return null;
        }
        if (numeric[i]) {
            try {
                return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
            } catch (NumberFormatException e) {
                throw new BadValue("aggregate at " + at + ": field " + aggregates.get(i).field() + " holds '"
                        + value + "', which is no number");
            }
        }
        return value;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void fold(Object[] state, int i, Object value) {
        if (value == null) {
            return;
        }
        int slot = 1 + 2 * i;
        Object current = state[slot];
        switch (aggregates.get(i).function()) {
            case SUM -> state[slot] = current == null ? value : longSum[i] ? (Object) Math.addExact((Long) current,
                    (Long) value) : ((BigDecimal) current).add((BigDecimal) value);
            case AVG -> {
                state[slot] = current == null ? value : ((BigDecimal) current).add((BigDecimal) value);
                state[slot + 1] = state[slot + 1] == null ? 1L : (Long) state[slot + 1] + 1;
            }
            case MIN -> state[slot] = current == null || ((Comparable) value).compareTo(current) < 0 ? value : current;
            case MAX -> state[slot] = current == null || ((Comparable) value).compareTo(current) > 0 ? value : current;
        }
    }

    @Override
    public void flush(Output out) {
        if (events != null) {
            events.flush(out);
            return;
        }
        emit(out);
    }

    @Override
    public void tick(Output out) {
        if (events == null && window != null && !groups.isEmpty()
                && !Instant.now().isBefore(windowStart.plus(window))) {
            emit(out);
        }
    }

    @Override
    public boolean idle() {
        return events != null ? events.idle() : groups.isEmpty();
    }

    @Override
    public boolean replays() {
        return events != null;
    }

    @Override
    public long oldestHeld() {
        return events != null ? events.oldestHeld() : -1;
    }

    @Override
    public String saved() {
        return events != null ? events.saved() : null;
    }

    @Override
    public void restore(String saved) throws PipelineException {
        if (events != null) {
            events.restore(saved);
        }
    }

    private void emit(Output out) {
        for (Map.Entry<List<Object>, Object[]> group : groups.entrySet()) {
            out.accept(row(group.getKey(), group.getValue(), windowStart, window == null ? null
                    : windowStart.plus(window)));
        }
        groups.clear();
    }

    /** A group's result: its key, its window (when windowed), the count, the aggregates. */
    private Object[] row(List<Object> key, Object[] state, Instant start, Instant end) {
        List<Object> row = new ArrayList<>(key);
        if (window != null) {
            row.add(start);
            row.add(end);
        }
        if (count != null) {
            row.add(state[0]);
        }
        for (int i = 0; i < aggregates.size(); i++) {
            Object value = state[1 + 2 * i];
            if (aggregates.get(i).function() == Function.AVG && value != null) {
                value = ((BigDecimal) value).divide(BigDecimal.valueOf((Long) state[2 + 2 * i]),
                        MathContext.DECIMAL64);
            }
            row.add(value);
        }
        return row.toArray();
    }

    /** The tumbling window a moment falls in, aligned to the epoch. */
    private Instant windowOf(Instant now) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(now.toEpochMilli() / size * size);
    }
}
