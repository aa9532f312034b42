package io.unikernal.etl.spi;

/**
 * The type a field is known to have, and the Java class its values have: {@code TEXT} is text not yet typed (a CSV
 * field: the target decides what it means), the others are typed values.
 */
public enum FieldType {
    /** {@code String}, untyped text: the target converts it by its column's type. */
    TEXT,
    /** {@code String}, text meant as text. */
    STRING,
    /** {@code Long}. */
    LONG,
    /** {@code Double}. */
    DOUBLE,
    /** {@code java.math.BigDecimal}. */
    DECIMAL,
    /** {@code Boolean}. */
    BOOLEAN,
    /** {@code java.time.LocalDate}. */
    DATE,
    /** {@code java.time.LocalDateTime}, a time of day without a zone. */
    LOCAL_TIMESTAMP,
    /** {@code java.time.Instant}, a point in time. */
    TIMESTAMP,
    /** {@code byte[]}. */
    BYTES,
    /** A JSON tree as Jackson reads it untyped: {@code Map}, {@code List}, or a scalar. */
    JSON
}
