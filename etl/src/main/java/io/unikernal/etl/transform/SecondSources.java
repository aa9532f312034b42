package io.unikernal.etl.transform;

import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.spi.step.StepInput;

/**
 * A join's second source ({@code join: {with: ...}}): a {@code source:} map, checked and compiled by the pipelines
 * section exactly as a pipeline's own source is (its kind's keys and checks, the kind's factory bean).
 */
public interface SecondSources {

    /** Reports the source's problems at their places. */
    void check(StepInput with, SectionChecks checks);

    /** Adds the source's factory bean ({@code io.unikernal.etl.spi.RecordSource.Factory}) and answers its name. */
    String compile(StepInput with, SectionCompilation compilation);
}
