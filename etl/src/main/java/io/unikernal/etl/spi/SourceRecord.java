package io.unikernal.etl.spi;

/**
 * One record read: its values in the order of the source's {@link RecordSource#fields()}, and where it was read, as
 * a reject report names it ({@code data/people.csv:17}, {@code orders-0@4711}, {@code people.id=42}). A record the
 * source could read but not make sense of (a JSON line that is no object, a row with too many cells) has
 * {@code values == null} and a {@code problem}: the run rejects it with that reason and goes on.
 *
 * @param raw the record as read, for the reject report (a line of text, a map of cells); may be null
 */
public record SourceRecord(Object[] values, String where, String problem, Object raw) {

    public static SourceRecord of(Object[] values, String where) {
        return new SourceRecord(values, where, null, null);
    }

    public static SourceRecord bad(String problem, Object raw, String where) {
        return new SourceRecord(null, where, problem, raw);
    }

    public boolean isBad() {
        return problem != null;
    }
}
