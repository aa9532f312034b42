package io.unikernal.udl.spec;

/** What a UDL value must look like; drives parsing, the JSON Schema and the reference doc. */
public enum ValueKind {
    STRING("string"),
    INTEGER("integer"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    /** a duration such as {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h} */
    DURATION("duration"),
    /** a CEL expression */
    EXPRESSION("CEL expression"),
    /** the name of a system declared under {@code systems:} */
    SYSTEM_REF("system name"),
    /** the name of a schema declared under {@code schemas:} */
    SCHEMA_REF("schema name"),
    /** the name of a route declared under {@code routes:} */
    ROUTE_REF("route name"),
    /** a list of strings */
    STRING_LIST("list of strings"),
    /** a map of string keys to scalar values */
    STRING_MAP("map of strings"),
    /** any YAML value (JSON-like) */
    ANY("any value");

    private final String label;

    ValueKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
