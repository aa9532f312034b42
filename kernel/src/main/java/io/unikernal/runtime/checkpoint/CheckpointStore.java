package io.unikernal.runtime.checkpoint;

import java.util.Optional;

/**
 * How far a pipeline has read its source — a cursor column's last value, a Kafka offset, a file's position — kept by
 * name within the store's namespace ({@code app/pipeline}), so a restarted or hybrid (batch, then streaming) pipeline
 * goes on exactly where it stopped. Every store shares these semantics:
 * <ul>
 *   <li>{@link #position} is what was last saved under the name, or empty;</li>
 *   <li>{@link #save} replaces it, atomically;</li>
 *   <li>{@link #advance} replaces it only if it still is {@code expected} (empty: not saved yet), so two runners of
 *       one pipeline can never both move it from the same point — a compare-and-set;</li>
 *   <li>{@link #remove} forgets it.</li>
 * </ul>
 * Positions are text (at most {@link #MAX_POSITION_LENGTH} characters); names at most {@link #MAX_NAME_LENGTH}.
 */
public interface CheckpointStore {

    int MAX_NAME_LENGTH = 200;
    int MAX_POSITION_LENGTH = 4000;

    Optional<String> position(String name);

    void save(String name, String position);

    /** True when the position was {@code expected} (null: none saved) and is now {@code next}. */
    boolean advance(String name, String expected, String next);

    void remove(String name);

    /** Refuses a name or position the stores cannot keep whole, before any of them truncates it. */
    static void checkSizes(String name, String position) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a checkpoint name must have 1.." + MAX_NAME_LENGTH + " characters");
        }
        if (position != null && position.length() > MAX_POSITION_LENGTH) {
            throw new IllegalArgumentException("a checkpoint position must have at most " + MAX_POSITION_LENGTH
                    + " characters, not " + position.length());
        }
    }
}
