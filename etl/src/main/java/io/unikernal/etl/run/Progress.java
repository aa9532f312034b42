package io.unikernal.etl.run;

/** Told after every committed batch: this run's rows so far and the time taken. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (read, written, rejected, seconds) -> { };

    void committed(long read, long written, long rejected, double seconds);
}
