package io.unikernal.etl.run;

/** Told after every committed batch: this run's counts so far, the bytes read, the time taken. */
@FunctionalInterface
public interface Progress {

    Progress NONE = snapshot -> { };

    void committed(Snapshot snapshot);

    /**
     * This run's records so far ({@code read}, {@code written}, {@code rejected}), the source's bytes read and its
     * size ({@code -1}: not known), the seconds since the run started.
     */
    record Snapshot(long read, long written, long rejected, long bytes, long size, double seconds) {

        public double rowsPerSecond() {
            return seconds > 0 ? read / seconds : 0;
        }

        /** Seconds left at the rate so far, when the size is known and some bytes were read; else -1. */
        public double etaSeconds() {
            if (size <= 0 || bytes <= 0 || seconds <= 0 || bytes > size) {
                return -1;
            }
            return (size - bytes) / (bytes / seconds);
        }

        /** The share of the source read, 0..1, or -1 when its size is not known. */
        public double fraction() {
            return size > 0 && bytes >= 0 ? Math.min(1, (double) bytes / size) : -1;
        }
    }
}
