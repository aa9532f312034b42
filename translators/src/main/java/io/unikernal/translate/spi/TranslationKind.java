package io.unikernal.translate.spi;

import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.UdlKey;
import java.util.List;

/**
 * One kind of translation (REST to gRPC, later SOAP to REST, GraphQL to REST, bridges): the protocol it exposes and
 * the adapter of the systems it calls, its checks and what it compiles to — ordinary Camel routes of named beans and
 * endpoint URIs, so a translation dumps to Camel YAML like every route. The {@code translations:} section picks the
 * kind of each item by ({@code expose.protocol}, the target system's adapter). Registered with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.unikernal.translate.spi.TranslationKind}).
 */
public interface TranslationKind {

    /** The protocol exposed, as {@code expose.protocol} names it: {@code rest}. */
    String protocol();

    /** The adapter of the systems it calls (whose contract it reads): {@code grpc}. */
    String targetAdapter();

    /** One sentence for the reference: what a caller sees. */
    String description();

    /**
     * Checks a translation of this kind after the section's own checks (the systems exist and can play their parts):
     * e.g. that the target has what calling it needs. Problems at the translation's positions.
     */
    default void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
    }

    /**
     * True when the kind serves the exposed system as a whole (gRPC to REST: every method of its {@code .proto}) rather
     * than one use of it as a route's source: the section then checks only that the system exists, not the use's
     * options (a gRPC source use names one method), and the kind's {@link #check} checks the rest.
     */
    default boolean exposesWholeSystem() {
        return false;
    }

    /** Adds the translation's routes and beans (named beans and URIs only). */
    void compile(Translation translation, SystemDecl expose, SystemDecl target, SectionCompilation compilation);

    /**
     * Keys of its own this kind adds to a translation item (e.g. a framing or a topic mapping), declared once here so
     * the parser, the JSON Schema and the reference follow; the kind reads them from {@link Translation#input()}. A key
     * two kinds both declare must mean the same in both (the section keeps the first declaration).
     */
    default List<UdlKey> itemKeys() {
        return List.of();
    }

    /** Keys of its own on {@code expose:} (not passed to the exposing adapter). */
    default List<UdlKey> exposeKeys() {
        return List.of();
    }

    /** Keys of its own on {@code target:} (not passed to the target adapter). */
    default List<UdlKey> targetKeys() {
        return List.of();
    }

    default List<ProblemCode> problemCodes() {
        return List.of();
    }
}
