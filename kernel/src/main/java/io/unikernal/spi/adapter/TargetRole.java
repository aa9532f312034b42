package io.unikernal.spi.adapter;

import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import java.util.Optional;
import org.apache.camel.model.ProcessorDefinition;

/** A system a route sends to ({@code to:}, {@code deadLetter:}, a branch, a fan-out). */
public interface TargetRole extends Role {

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
