package io.unikernal.dsl.policy;

import io.unikernal.compile.policy.PolicyCompiler;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.policy.BreakerOpenCheck;
import io.unikernal.runtime.policy.PolicyRejectedException;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.errorhandler.NoErrorHandlerDefinition;

/**
 * A {@link Policy} at work in one {@link RouteBuilder} under one name: {@link #from(String)} starts a route guarded
 * at its ingress (auth, then rate limit) and retrying failed calls; {@link #call(ProcessorDefinition, String)} sends
 * through the circuit breaker. The shape is the compiler's: with retry, each guarded call is a route of its own
 * ({@code direct:NAME-call-N}, no error handler) so that Camel's redelivery repeats the whole call, breaker included.
 */
public final class PolicyRoutes {

    private final Policy policy;
    private final RouteBuilder builder;
    private final String name;
    private int calls;

    PolicyRoutes(Policy policy, RouteBuilder builder, String name) {
        this.policy = policy;
        this.builder = builder;
        this.name = name;
    }

    /**
     * A route from {@code uri} (id: the name) whose messages are authenticated and rate-limited first; with retry,
     * a failed step is redelivered with the policy's backoff. Refusals (401, 403, 429) and invalid messages are never
     * retried. {@code callerWaits}: a request/reply source (HTTP) gets 429 when over the limit, a one-way source
     * waits for a permit (back-pressure).
     */
    public RouteDefinition from(String uri, boolean callerWaits) {
        RouteDefinition route = builder.from(uri).routeId(name);
        if (policy.hasRetry()) {
            OnExceptionDefinition refusals = route.onException(PolicyRejectedException.class,
                    MessageRejectedException.class);
            refusals.maximumRedeliveries(0).end();
            OnExceptionDefinition failures = route.onException(Exception.class);
            PolicyCompiler.redelivery(policy.retry(), failures);
            failures.end();
        }
        for (Processor guard : policy.ingress(name, callerWaits)) {
            route.process(guard);
        }
        return route;
    }

    /** {@link #from(String, boolean)} for a one-way source. */
    public RouteDefinition from(String uri) {
        return from(uri, false);
    }

    /** Sends to {@code uri} through the policy's circuit breaker (and retry); returns {@code block} to go on with. */
    public <T extends ProcessorDefinition<?>> T call(T block, String uri) {
        String id = name + "-call-" + (++calls);
        if (!policy.hasRetry()) {
            breakerCall(block, uri, id);
            return block;
        }
        RouteDefinition call = builder.from("direct:" + id).routeId(id)
                .description("The guarded call of route " + name + " to " + uri + "; redelivered as a whole");
        // the calling route's redelivery owns retry; a handler here would mark the failure as handled
        call.errorHandler(new NoErrorHandlerDefinition());
        breakerCall(call, uri, id);
        block.to("direct:" + id);
        return block;
    }

    private void breakerCall(ProcessorDefinition<?> block, String uri, String id) {
        if (!policy.hasBreaker()) {
            block.to(uri);
            return;
        }
        CircuitBreakerDefinition breaker = block.circuitBreaker();
        breaker.id(id + "-breaker");
        breaker.setResilience4jConfiguration(PolicyCompiler.configuration(policy.decl()));
        breaker.to(uri);
        // Camel's breaker hides a failure from the error handler: the check keeps it in the fallback and throws it
        // after the breaker, where retry applies (the compiler's BreakerOpenCheck, used the same way)
        BreakerOpenCheck check = new BreakerOpenCheck();
        check.setTarget(id);
        breaker.onFallback().process(check);
        breaker.end();
        block.process(check);
    }
}
