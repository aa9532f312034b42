package io.unikernal.runtime.targets;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Records why one target call failed, inside a step that chooses among or joins several targets (adaptive route,
 * fan-out). The compiler puts each such call in a {@code doTry} whose {@code doCatch} runs this processor: Camel's
 * error handler then leaves the failure alone (no dead letter for one target), and the step decides from the record
 * whether to fail over, join or fail the message.
 */
public final class TargetFailure implements Processor {

    /** Exchange property holding the failure of the call. */
    public static final String PROPERTY = "UnikernalTargetFailure";

    @Override
    public void process(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.setProperty(PROPERTY, caught != null ? caught
                : new IllegalStateException("the target call failed without an exception"));
    }

    /** The failure recorded on this exchange (or its exception), null when the call succeeded. */
    public static Exception of(Exchange exchange) {
        Exception recorded = exchange.getProperty(PROPERTY, Exception.class);
        return recorded != null ? recorded : exchange.getException();
    }

    /** One line for a failure: its message, or its type when it has none. */
    public static String reason(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
