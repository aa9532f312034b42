package io.unikernal.spi.section;

import io.unikernal.spi.step.StepInput;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.spec.UdlKey;
import java.util.List;

/**
 * A top-level section of a UDL file contributed by a plug-in ({@code translations:}, {@code pipelines:}, later
 * {@code security:}, {@code federation:}): its declaration (the key and its shape, checked by the parser and shown by
 * the JSON Schema and reference doc), its model binding, its checks and its compilation into routes and beans. The
 * bound model is carried by {@link io.unikernal.udl.model.UdlDocument#section}. Registered with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.unikernal.spi.section.SectionKind}).
 *
 * @param <M> the section's model
 */
public interface SectionKind<M> {

    /** The top-level key and its shape. */
    UdlKey key();

    Class<M> modelType();

    /** Builds the model from the parsed value; lenient like step binding (null when malformed). */
    M bind(StepInput input);

    default void check(M section, SectionChecks checks) {
    }

    /** Adds the section's routes, beans and properties to the app. */
    void compile(M section, SectionCompilation compilation);

    /**
     * The systems whose listener the section serves itself, with no route starting at them (a translation's own
     * bridge listening on a websocket or tcp system's port): their adapters then see them as served
     * ({@link io.unikernal.spi.adapter.CompileContext#servedBySection}) and open no server of their own there.
     */
    default java.util.Set<String> servedSystems(M section, io.unikernal.udl.model.UdlDocument document) {
        return java.util.Set.of();
    }

    default List<ProblemCode> problemCodes() {
        return List.of();
    }

    default String name() {
        return key().name();
    }
}
