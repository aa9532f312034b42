package io.unikernal.adapter;

import java.util.List;
import java.util.Map;

/**
 * A bean the compiled routes refer to by name. The in-process run binds it into the registry; the YAML output
 * declares it in a {@code beans:} block. Property and constructor values are strings, which may hold Camel property
 * placeholders ({@code {{env:NAME:default}}}) — never resolved secrets.
 */
public record BeanSpec(String name, String type, List<String> constructorArgs, Map<String, String> properties) {

    public BeanSpec {
        constructorArgs = List.copyOf(constructorArgs);
        properties = Map.copyOf(properties);
    }
}
