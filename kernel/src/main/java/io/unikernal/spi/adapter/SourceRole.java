package io.unikernal.spi.adapter;

import io.unikernal.runtime.ServedListener;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import java.util.Optional;
import org.apache.camel.model.ProcessorDefinition;

/** A system as the start of a route ({@code from:}). */
public interface SourceRole extends Role {

    /**
     * The listener the system shares with the other systems of its group (all {@code http} systems of an app share one
     * server), whose settings must agree; empty when each system listens on its own.
     */
    default Optional<SharedListener> sharedListener(SystemDecl system) {
        return Optional.empty();
    }

    /**
     * The listener an operator reaches the app on when the app has a system of this kind (the HTTP server); empty
     * (the default) for a source that listens on nothing an operator addresses.
     */
    default Optional<ServedListener> servedListener(SystemDecl system) {
        return Optional.empty();
    }

    /**
     * What one use consumes, for the checks that find two routes on one endpoint and loops of routes; empty (the
     * default) for a source whose uses cannot clash or be fed by a route (a timer).
     */
    default Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
        return Optional.empty();
    }

    /** The endpoint URI a route consumes from. */
    String uri(SystemUse use, CompileContext ctx);

    /** Appends the nodes that turn the native input into a UDM message (body = payload, UDM headers set). */
    void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx);

    /** Appends the nodes that turn the route's final UDM message into the caller's reply ({@link Capability#REQUEST_REPLY}). */
    default void denormalizeReply(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
    }
}
