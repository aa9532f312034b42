package io.unikernal.routing;

/**
 * Decides targets for messages against one {@link RuleTable}. Thread-safe for decisions; closing
 * while other threads still decide is a caller error. {@code close()} twice is harmless; a decision
 * after close throws {@link IllegalStateException}.
 */
public interface RoutingEngine extends AutoCloseable {
    /** No rule matched and the table has no default target. */
    int NO_MATCH = -1;
    /** The body is not a well-formed JSON object (an empty body counts as {@code {}}). */
    int MALFORMED = -2;

    /** The provider name: "java" or "rust". */
    String name();

    RuleTable table();

    /** The target index for one message, {@link #NO_MATCH} or {@link #MALFORMED}. */
    int decide(RoutingMessage message);

    /**
     * Decides every message of {@code batch} into {@code out[0..batch.size())}.
     *
     * @throws IllegalArgumentException when a message's framing is broken (lengths out of bounds)
     */
    void decideBatch(MessageBatch batch, int[] out);

    @Override
    void close();
}
