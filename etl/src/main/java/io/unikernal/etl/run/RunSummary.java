package io.unikernal.etl.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run did ({@code read}, {@code written}, {@code rejected}: this run's rows) and where the file stands
 * ({@code total*}: every run's, from the checkpoint). The threshold applies to the file's total rejects, so a run
 * resumed after a crash fails as the uninterrupted run would have.
 */
public record RunSummary(String pipeline, String file, long read, long written, long rejected, long totalRead,
        long totalWritten, long totalRejected, long rejectThreshold, boolean resumed, double seconds,
        String rejectFile) {

    public boolean thresholdExceeded() {
        return totalRejected > rejectThreshold;
    }

    public double rowsPerSecond() {
        return seconds > 0 ? read / seconds : 0;
    }

    /** The summary as a message body (a scheduled run's route ends with it). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("pipeline", pipeline);
        map.put("read", read);
        map.put("written", written);
        map.put("rejected", rejected);
        map.put("totalRead", totalRead);
        map.put("totalWritten", totalWritten);
        map.put("totalRejected", totalRejected);
        map.put("rejectThreshold", rejectThreshold);
        map.put("resumed", resumed);
        return map;
    }
}
