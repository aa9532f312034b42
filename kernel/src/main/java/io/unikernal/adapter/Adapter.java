package io.unikernal.adapter;

import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.OptionSpec;
import java.util.List;
import org.apache.camel.model.ProcessorDefinition;

/**
 * An adapter makes a kind of system usable from UDL: it declares the options UDL accepts for it and turns a use of
 * the system into Camel model nodes (never lambdas: everything it adds must dump to YAML). Adapters are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.unikernal.adapter.Adapter}).
 */
public interface Adapter {

    /** The value of {@code adapter:} in a system declaration, e.g. {@code http}. */
    String name();

    /** One sentence for the reference doc. */
    String description();

    /** The Maven artifact that holds the adapter, for the adapter list. */
    String artifact();

    /** Options allowed on the system declaration itself. */
    List<OptionSpec> systemOptions();

    /** Options allowed on {@code from: {system: x, ...}}; empty if it cannot be a source. */
    default List<OptionSpec> sourceOptions() {
        return List.of();
    }

    /** Options allowed on {@code to: {system: x, ...}}; empty if it cannot be a target. */
    default List<OptionSpec> targetOptions() {
        return List.of();
    }

    boolean canBeSource();

    boolean canBeTarget();

    /** True when a source has a caller waiting for the route's reply (HTTP), so {@code reply:} makes sense. */
    default boolean isRequestReply() {
        return false;
    }

    /**
     * Checks beyond what the option declarations express (value ranges, option combinations). Report with the
     * option's position.
     */
    default void check(SystemDecl system, Problems problems) {
    }

    /** Checks of one use of the system in {@code from} or {@code to}. */
    default void checkUse(SystemDecl system, EndpointRef use, boolean asSource, Problems problems) {
    }

    /** Called once per declared system before routes are built: register beans and application properties. */
    default void contribute(SystemDecl system, CompileContext ctx) {
    }

    /**
     * The endpoint URI a route consumes from. Only called when {@link #canBeSource()}: the checks refuse any other
     * use with {@code NOT_A_SOURCE} before compiling.
     */
    default String sourceUri(SystemDecl system, EndpointRef use, CompileContext ctx) {
        throw new IllegalStateException("adapter '" + name() + "' cannot be a source (system " + system.name() + ")");
    }

    /** Appends the nodes that turn the native input into a UDM message (body = payload, UDM headers set). */
    default void normalize(SystemDecl system, EndpointRef use, ProcessorDefinition<?> route, CompileContext ctx) {
        throw new IllegalStateException("adapter '" + name() + "' cannot be a source (system " + system.name() + ")");
    }

    /** Appends the nodes that turn the route's final UDM message into the caller's reply (request/reply sources). */
    default void denormalizeReply(SystemDecl system, EndpointRef use, ProcessorDefinition<?> block, CompileContext ctx) {
    }

    /**
     * Appends the nodes that deliver the message to this system as a target. Only called when
     * {@link #canBeTarget()}: the checks refuse any other use with {@code NOT_A_TARGET} before compiling.
     */
    default void target(SystemDecl system, EndpointRef use, ProcessorDefinition<?> block, CompileContext ctx) {
        throw new IllegalStateException("adapter '" + name() + "' cannot be a target (system " + system.name() + ")");
    }

    /**
     * True when this adapter, as a target, sends the call's idempotency key on to the target system (the http-client's
     * {@code Idempotency-Key}), read with {@code OutboundIdempotencyKey.of(exchange)}. Only then does the compiler
     * derive a key before each call: a route node per call costs about as much as a whole in-process route.
     */
    default boolean sendsIdempotencyKey() {
        return false;
    }

    /**
     * True when a system of this adapter can keep the processed keys of {@code policy.idempotency} (be its
     * {@code store}); then {@link #processedKeysRepository} builds the store.
     */
    default boolean canStoreProcessedKeys() {
        return false;
    }

    /**
     * Declares the beans of an {@link org.apache.camel.spi.IdempotentRepository} that keeps processed keys in this
     * system (model beans only, so the YAML output declares them too) and returns the repository's bean name. Called
     * once per route, after {@link #contribute} of the system. {@code namespace} ({@code app/route}) keeps the keys
     * of one route apart from every other route's in the same store. The repository is a
     * {@link io.unikernal.runtime.idempotency.ProcessedKeysRepository}, whose semantics every store shares: {@code add}
     * atomically records the key as in flight when the message arrives (false for a duplicate, never an error),
     * {@code confirm} marks it done after success, {@code remove} forgets it when the message fails (so a retry is
     * processed), {@code isDone} tells a duplicate of a done message from one still in flight, and an in-flight mark
     * older than its lease is taken over (its original crashed).
     * Only called when {@link #canStoreProcessedKeys()}: the checks refuse any other store with
     * {@code NOT_A_KEY_STORE} before compiling.
     */
    default String processedKeysRepository(SystemDecl system, String namespace, CompileContext ctx) {
        throw new IllegalStateException("adapter '" + name() + "' cannot keep processed keys (system "
                + system.name() + ")");
    }

    /**
     * Like {@link #target}, with the call bounded by a route's {@code timeout} in the adapter's own client (its
     * connect and response timeouts): appends the nodes and returns true. An adapter whose client has no such
     * timeout appends nothing and returns false (the default); the kernel then bounds the call with the circuit
     * breaker's time limiter, which runs each call on a thread of a shared pool — a thread hand-off per call that
     * costs far more than a client's own timeout. A call that times out must fail with an exception, so the breaker
     * counts it and the route's retry and dead letter apply.
     */
    default boolean targetWithTimeout(SystemDecl system, EndpointRef use, java.time.Duration timeout,
            ProcessorDefinition<?> block, CompileContext ctx) {
        return false;
    }
}
