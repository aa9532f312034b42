package io.unikernal.rust.component;

import org.apache.camel.spi.Metadata;

/** The headers the {@code rust:} component sets. */
public final class RustConstants {
    @Metadata(label = "route", description = "The chosen target's name; absent when no rule matched and the table has no default.",
              javaType = "String")
    public static final String ROUTE_TARGET = "UnikernalRouteTarget";
    @Metadata(label = "route", description = "The chosen target's index in the table; -1 when no rule matched.", javaType = "Integer")
    public static final String ROUTE_INDEX = "UnikernalRouteIndex";
    @Metadata(label = "route", description = "For a List body: each element's target name (null where none matched).",
              javaType = "java.util.List<String>")
    public static final String ROUTE_TARGETS = "UnikernalRouteTargets";
    @Metadata(label = "parallel", description = "Kafka partition of the key: an Integer, or a List for a List body; -1 without key text.",
              javaType = "Object")
    public static final String PARTITION = "UnikernalPartition";
    @Metadata(label = "parallel", description = "Validation code (0 valid, -2 malformed, (field+1)*8+reason): an Integer, or a List for a List body.",
              javaType = "Object")
    public static final String VALIDATION = "UnikernalValidation";
    @Metadata(description = "The engine that did the work: rust or java.", javaType = "String")
    public static final String ENGINE = "UnikernalEngine";

    private RustConstants() {
    }
}
