package io.unikernal.routing.exec;

/** The JSON types a {@link ValidationSchema} field may require; the ordinal is the wire code. */
public enum ValueType {
    ANY, STRING, NUMBER, INTEGER, BOOLEAN, OBJECT, ARRAY, NULL
}
