package io.unikernal.spi.adapter;

import java.util.Objects;

/**
 * What an adapter is: {@code name} is the value of {@code adapter:} in a system declaration (e.g. {@code http}),
 * {@code description} one sentence for the reference doc, {@code artifact} the Maven artifact that holds it.
 */
public record AdapterInfo(String name, String description, String artifact) {

    public AdapterInfo {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("adapter name '" + name + "' must be lowercase letters, digits and '-'");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(artifact, "artifact");
    }
}
