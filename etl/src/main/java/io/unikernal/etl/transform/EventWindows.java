package io.unikernal.etl.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTransform.Output;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The windows of an aggregate on the records' own time ({@code time: field}): each record falls into the windows of
 * {@code window} length starting every {@code slide} (tumbling when they are equal, aligned to the epoch) that contain
 * its time. The watermark is the latest time seen less {@code lateness}; a window is closed and handed on once the
 * watermark reaches its end. A record all of whose windows are closed is late: it is rejected with the reason, never
 * dropped silently. The groups held in all open windows are bounded by {@code groups}.
 *
 * <p>Resuming: each window remembers the first record that opened it ({@link Output#mark()}) and the latest time
 * seen before that record. The checkpoint keeps where the oldest of these was read and, as {@link #saved()}, that
 * latest time and how far windows were handed on; a resumed run reads again from there with that clock, so every
 * record makes the same decisions as before, and windows that end at or before what was handed on are not handed on
 * again.
 */
final class EventWindows {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the UDL says: the time field, the windows' length and step, and how late a record may come. */
    record Spec(String field, Duration size, Duration slide, Duration lateness) {
    }

    /** A group's result row: key, state, window start and end. */
    @FunctionalInterface
    interface Row {
        Object[] of(List<Object> key, Object[] state, Instant start, Instant end);
    }

    /** One open window: the record that opened it, the clock before that record, its groups. */
    private record Window(long first, long latestBefore, Map<List<Object>, Object[]> groups) {
    }

    private final String step;
    private final Spec spec;
    private final long size;
    private final long slide;
    private final long lateness;
    private final int maxGroups;
    private final Supplier<Object[]> newState;
    private final Row row;
    private final TreeMap<Long, Window> windows = new TreeMap<>();
    private int timeIndex;
    private int held;
    private long latest = Long.MIN_VALUE;
    private long handedOn = Long.MIN_VALUE;

    EventWindows(String step, Spec spec, int maxGroups, Supplier<Object[]> newState, Row row) {
        this.step = step;
        this.spec = spec;
        this.size = spec.size().toMillis();
        this.slide = spec.slide().toMillis();
        this.lateness = spec.lateness().toMillis();
        this.maxGroups = maxGroups;
        this.newState = newState;
        this.row = row;
    }

    void open(List<Field> in) throws PipelineException {
        timeIndex = Step.require(in, spec.field(), step);
        FieldType type = in.get(timeIndex).type();
        if (!List.of(FieldType.TEXT, FieldType.STRING, FieldType.TIMESTAMP, FieldType.LOCAL_TIMESTAMP,
                FieldType.LONG).contains(type)) {
            throw new PipelineException(step + ": its time field " + spec.field() + " is " + type.name()
                    .toLowerCase(java.util.Locale.ROOT) + "; event time is a timestamp, a local timestamp (read as"
                    + " UTC), epoch milliseconds (long) or text of one of these");
        }
    }

    /** The states of the record's group in each of its open windows (opened as needed); late records are refused. */
    List<Object[]> add(Object[] values, List<Object> key, Output out) throws BadValue, PipelineException {
        long time = timeOf(values[timeIndex]);
        long watermark = watermark();
        List<Long> starts = new ArrayList<>();
        for (long start = Math.floorDiv(time, slide) * slide; start > time - size; start -= slide) {
            if (start + size > watermark) {
                starts.add(start);
            }
        }
        if (starts.isEmpty()) {
            throw new BadValue(step + ": late: its time " + Instant.ofEpochMilli(time) + " is in no open window"
                    + " (the watermark is " + Instant.ofEpochMilli(watermark) + ": the latest time seen "
                    + Instant.ofEpochMilli(latest) + " less the lateness " + spec.lateness() + "; its windows were"
                    + " handed on)");
        }
        int added = 0;
        for (long start : starts) {
            Window window = windows.get(start);
            if (window == null || !window.groups().containsKey(key)) {
                added++;
            }
        }
        if (held + added > maxGroups) {
            throw new PipelineException(step + " holds " + held + " groups in " + windows.size() + " open windows"
                    + " and may hold " + maxGroups + " (its groups: bound); raise groups:, shorten window: or"
                    + " lateness:, or group by fewer values");
        }
        List<Object[]> states = new ArrayList<>(starts.size());
        for (long start : starts) {
            Window window = windows.get(start);
            if (window == null) {
                window = new Window(out.mark(), latest, new LinkedHashMap<>());
                windows.put(start, window);
            }
            Object[] state = window.groups().get(key);
            if (state == null) {
                state = newState.get();
                window.groups().put(key, state);
                held++;
            }
            states.add(state);
        }
        latest = Math.max(latest, time);
        return states;
    }

    /** Hands on the windows the watermark passed, oldest first. */
    void close(Output out) {
        long watermark = watermark();
        while (!windows.isEmpty() && windows.firstKey() + size <= watermark) {
            handOn(windows.pollFirstEntry(), out);
        }
    }

    /** The source ended: every open window is handed on. */
    void flush(Output out) {
        while (!windows.isEmpty()) {
            handOn(windows.pollFirstEntry(), out);
        }
    }

    private void handOn(Map.Entry<Long, Window> entry, Output out) {
        long start = entry.getKey();
        Window window = entry.getValue();
        held -= window.groups().size();
        if (start + size <= handedOn) {
            return; // handed on before the checkpoint this run resumed from: rebuilt only to decide the same
        }
        Instant from = Instant.ofEpochMilli(start);
        Instant to = Instant.ofEpochMilli(start + size);
        Iterator<Map.Entry<List<Object>, Object[]>> groups = window.groups().entrySet().iterator();
        while (groups.hasNext()) {
            Map.Entry<List<Object>, Object[]> group = groups.next();
            out.accept(row.of(group.getKey(), group.getValue(), from, to));
        }
    }

    boolean idle() {
        return windows.isEmpty();
    }

    long oldestHeld() {
        long oldest = -1;
        for (Window window : windows.values()) {
            if (window.first() >= 0 && (oldest < 0 || window.first() < oldest)) {
                oldest = window.first();
            }
        }
        return oldest;
    }

    /** The clock before the oldest held record, and how far windows were handed on (the watermark now). */
    String saved() {
        long oldest = oldestHeld();
        long before = latest;
        for (Window window : windows.values()) {
            if (window.first() == oldest) {
                before = window.latestBefore();
                break;
            }
        }
        return JSON.createObjectNode().put("latest", before).put("handedOn", watermark()).toString();
    }

    void restore(String saved) throws PipelineException {
        if (saved == null) {
            return;
        }
        try {
            JsonNode node = JSON.readTree(saved);
            latest = node.path("latest").asLong(Long.MIN_VALUE);
            handedOn = node.path("handedOn").asLong(Long.MIN_VALUE);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PipelineException(step + ": its saved state in the checkpoint is no JSON: " + saved);
        }
    }

    private long watermark() {
        return latest == Long.MIN_VALUE ? Long.MIN_VALUE : latest - lateness;
    }

    /** A record's time in epoch milliseconds. */
    private long timeOf(Object value) throws BadValue {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new BadValue(step + ": its time field " + spec.field() + " is empty");
        }
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof Long millis) {
            return millis;
        }
        String text = value.toString().trim();
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(text);
            }
            String iso = text.replace(' ', 'T');
            try {
                return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new BadValue(step + ": its time field " + spec.field() + " holds '" + text + "', which is no"
                    + " time (yyyy-MM-ddTHH:mm:ss with or without an offset, or epoch milliseconds)");
        }
    }
}
