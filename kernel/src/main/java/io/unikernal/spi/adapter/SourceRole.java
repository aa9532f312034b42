package io.unikernal.spi.adapter;

import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/** A system as the start of a route ({@code from:}). */
public interface SourceRole {

    /** Options allowed on {@code from: {system: x, ...}}. */
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

    /**
     * The listener the system shares with the other systems of its group (all {@code http} systems of an app share one
     * server), whose settings must agree; empty when each system listens on its own.
     */
    default Optional<SharedListener> sharedListener(SystemDecl system) {
        return Optional.empty();
    }

    /** What one use consumes, for the checks that find two routes on one endpoint and loops of routes. */
    Optional<Channel> consumes(SystemDecl system, EndpointRef use);

    /** The endpoint URI a route consumes from. */
    String uri(SystemUse use, CompileContext ctx);

    /** Appends the nodes that turn the native input into a UDM message (body = payload, UDM headers set). */
    void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx);

    /** Appends the nodes that turn the route's final UDM message into the caller's reply ({@link Capability#REQUEST_REPLY}). */
    default void denormalizeReply(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
    }
}
