package io.unikernal.etl.kinds;

import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.spec.UdlKey;
import java.util.List;

/**
 * One kind of pipeline source, by the adapter of the system it reads ({@code file}, {@code s3}, {@code postgres},
 * {@code kafka}, ...): its own keys on {@code source:}, its checks and what it compiles to — a named bean
 * implementing {@link io.unikernal.etl.spi.RecordSource.Factory}, with text properties and bean references only, so
 * the pipeline's route dumps to Camel YAML. Registered with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.unikernal.etl.kinds.PipelineSourceKind}); the {@code pipelines:} section picks the
 * kind of each source by its system's adapter (or its inline {@code adapter:}).
 */
public interface PipelineSourceKind {

    /** The adapter of the systems it reads: {@code file}. */
    String adapter();

    /** One sentence for the reference: what it reads. */
    String description();

    /**
     * Its keys on {@code source:} (besides {@code system} and {@code adapter}), declared once here so the parser, the
     * JSON Schema and the reference follow. A key several kinds declare must mean the same in each (the first
     * declaration is the one documented); {@code required()} is checked for this kind's sources only.
     */
    default List<UdlKey> keys() {
        return List.of();
    }

    /** True when it reads files through a {@link io.unikernal.etl.spi.RecordFormat}: {@code format:} and the formats' keys apply. */
    default boolean readsFormats() {
        return false;
    }

    /**
     * True when a source may be declared inline ({@code {adapter: file, path: ...}}) rather than naming a system:
     * for adapters whose systems need no settings of their own.
     */
    default boolean inline() {
        return false;
    }

    /** True when it can be read as a stream ({@code stream: true}): its records keep coming. */
    default boolean streams() {
        return false;
    }

    /**
     * Checks a source of this kind after the section's own checks (its system exists and has this adapter, it
     * writes only keys this kind takes, the required ones are there). Problems at the source's positions.
     */
    default void check(PipelineEnd source, SectionChecks checks) {
    }

    /** Adds the source's bean (and any it needs) and returns its name. */
    String compile(PipelineEnd source, SectionCompilation compilation);

    default List<ProblemCode> problemCodes() {
        return List.of();
    }
}
