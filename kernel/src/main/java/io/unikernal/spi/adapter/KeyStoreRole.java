package io.unikernal.spi.adapter;

import io.unikernal.udl.model.SystemDecl;

/** A system that keeps the processed keys of {@code policy.idempotency} (its {@code store}). */
public interface KeyStoreRole {

    /** {@link Capability#EMBEDDED}: the store a route without {@code store} uses, in a system of its own. */
    default java.util.Set<Capability> capabilities() {
        return java.util.Set.of();
    }

    /**
     * Declares the beans of a {@link io.unikernal.runtime.idempotency.ProcessedKeysRepository} that keeps processed
     * keys in this system (model beans only, so the YAML output declares them too) and returns the repository's bean
     * name. Called once per route, after {@link Adapter#contribute} of the system. {@code namespace}
     * ({@code app/route}) keeps the keys of one route apart from every other route's in the same store. Every store
     * shares the repository's semantics: {@code add} atomically records the key as in flight (false for a duplicate,
     * never an error), {@code confirm} marks it done after success, {@code remove} forgets it when the message fails,
     * {@code isDone} tells a duplicate of a done message from one still in flight, and an in-flight mark older than
     * its lease is taken over (its original crashed).
     */
    String processedKeysRepository(SystemDecl system, String namespace, CompileContext ctx);
}
