package io.unikernal.udm.schema;

import java.util.Locale;

/** The type of a UDM schema field, as written in UDL ({@code type: decimal}). */
public enum FieldType {
    /** JSON string. */
    STRING,
    /** Whole number, carried as {@code Long}. */
    INT,
    /** Binary floating point, carried as {@code Double}. */
    DOUBLE,
    /** Exact decimal, carried as {@code BigDecimal}. */
    DECIMAL,
    /** true / false. */
    BOOLEAN,
    /** ISO-8601 instant carried as a string, e.g. {@code 2026-01-31T10:15:30Z}. */
    TIMESTAMP,
    /** JSON object, {@code Map<String,Object>}. */
    OBJECT,
    /** JSON array, {@code List<Object>}. */
    ARRAY,
    /** Any JSON value. */
    ANY;

    /** True for INT, DOUBLE and DECIMAL (the types {@code min}/{@code max} apply to). */
    public boolean isNumeric() {
        return this == INT || this == DOUBLE || this == DECIMAL;
    }

    /** The UDL spelling, e.g. {@code "decimal"}. */
    public String udlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the UDL spelling (case-insensitive).
     *
     * @throws IllegalArgumentException quoting the bad name and listing the valid ones
     */
    public static FieldType fromUdl(String name) {
        for (FieldType t : values()) {
            if (t.udlName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown field type '" + name
                + "'; expected one of string, int, double, decimal, boolean, timestamp, object, array, any");
    }
}
