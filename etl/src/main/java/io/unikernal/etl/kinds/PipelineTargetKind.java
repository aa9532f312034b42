package io.unikernal.etl.kinds;

import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.spec.UdlKey;
import java.util.List;

/**
 * One kind of pipeline target, by the adapter of the system it writes ({@code postgres}, {@code mariadb},
 * {@code file}, {@code s3}, {@code kafka}, ...): its own keys on {@code target:}, its checks and what it compiles to —
 * a named bean implementing {@link io.unikernal.etl.spi.RecordTarget.Factory} (which also names the checkpoint store
 * its batches commit with), with text properties and bean references only. Registered with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.unikernal.etl.kinds.PipelineTargetKind}).
 */
public interface PipelineTargetKind {

    /** The adapter of the systems it writes: {@code postgres}. */
    String adapter();

    /** One sentence for the reference: what it writes and how a batch commits with its checkpoint. */
    String description();

    /** Its keys on {@code target:} (besides {@code system} and {@code adapter}); as {@link PipelineSourceKind#keys()}. */
    default List<UdlKey> keys() {
        return List.of();
    }

    /** True when it writes files through a {@link io.unikernal.etl.spi.RecordFormat}. */
    default boolean writesFormats() {
        return false;
    }

    /** True when a target may be declared inline ({@code {adapter: file, path: out.csv}}). */
    default boolean inline() {
        return false;
    }

    /** Checks a target of this kind after the section's own checks; problems at the target's positions. */
    default void check(PipelineEnd target, SectionChecks checks) {
    }

    /** Adds the target's bean (and its checkpoint store's) and returns its name. */
    String compile(PipelineEnd target, SectionCompilation compilation);

    default List<ProblemCode> problemCodes() {
        return List.of();
    }
}
