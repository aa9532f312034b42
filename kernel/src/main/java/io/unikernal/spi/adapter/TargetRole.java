package io.unikernal.spi.adapter;

import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/** A system a route sends to ({@code to:}, {@code deadLetter:}, a branch, a fan-out). */
public interface TargetRole {

    /** Options allowed on {@code to: {system: x, ...}}. */
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

    /** The channel a call feeds, when a route of the same app may consume it (direct, seda): for the loop check. */
    default Optional<Channel> feeds(SystemDecl system, EndpointRef use) {
        return Optional.empty();
    }

    /**
     * Appends the nodes that deliver the message. With {@link Capability#CLIENT_TIMEOUT} and a
     * {@link SystemUse#timeout() timeout}, the call is bounded by it in the adapter's own client and a call over it
     * fails with an exception (so the breaker counts it and the route's retry and dead letter apply); without the
     * capability the kernel bounds the call itself and passes no timeout.
     */
    void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx);
}
