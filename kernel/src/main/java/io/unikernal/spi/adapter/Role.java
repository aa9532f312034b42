package io.unikernal.spi.adapter;

import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.List;
import java.util.Set;

/** What the roles a system is used in ({@code from:}, {@code to:}) share: their options, capabilities, checks. */
public interface Role {

    /** Options allowed on the use, {@code from: {system: x, ...}} or {@code to: {system: x, ...}}. */
    default List<Option<?>> options() {
        return List.of();
    }

    default Set<Capability> capabilities() {
        return Set.of();
    }

    default boolean has(Capability capability) {
        return capabilities().contains(capability);
    }

    /** Checks of one use beyond what the option declarations express. */
    default void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
    }
}
