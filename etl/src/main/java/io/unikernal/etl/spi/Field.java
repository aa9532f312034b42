package io.unikernal.etl.spi;

/** A field of the records a source yields: its name, its type and whether it may be null. */
public record Field(String name, FieldType type, boolean nullable) {

    /** An untyped text field (a CSV column). */
    public static Field text(String name) {
        return new Field(name, FieldType.TEXT, true);
    }
}
