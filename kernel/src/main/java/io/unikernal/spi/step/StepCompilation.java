package io.unikernal.spi.step;

import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.Step;
import org.apache.camel.model.ProcessorDefinition;

/** What a step kind's compilation may use: the compile context, the route, and the kernel's own compilers. */
public interface StepCompilation {

    CompileContext context();

    RouteDecl route();

    /** Compiles nested steps into {@code block} (a branch, a split's body). */
    void steps(java.util.List<Step> steps, ProcessorDefinition<?> block);

    /**
     * Appends a call to a target with everything the kernel adds to a call: the idempotency key, the route's and the
     * target's policy (timeout, breaker, bulkhead, fallback), the adapter's own nodes. A failure fails the message.
     */
    void call(EndpointRef target, ProcessorDefinition<?> block);

    /**
     * Like {@link #call}, but a failure is recorded on the exchange instead of failing the message
     * ({@code io.unikernal.runtime.targets.TargetFailure}): for steps that decide themselves what a failed target
     * means (a fan-out's join, adaptive failover).
     */
    void recordedCall(EndpointRef target, ProcessorDefinition<?> block);

    /** A CEL expression as a Camel model expression (the {@code cel} language). */
    org.apache.camel.model.language.ExpressionDefinition cel(String expression);
}
