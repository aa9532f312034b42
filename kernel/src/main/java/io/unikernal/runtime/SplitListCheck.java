package io.unikernal.runtime;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Checks the value a split step's {@code by:} expression gave (in the exchange property {@value #LIST}) before the
 * split runs over it: it must be a list. Anything else — a map, a text, a number, null — rejects the message with the
 * expression and what it gave, instead of letting Camel's split take a map's entries, cut a text at its commas or run
 * no element at all: a message is never split into something it is not, nor dropped without a trace.
 */
public final class SplitListCheck implements Processor {

    /** Exchange property: the value of the split's {@code by:} expression, which the split then runs over. */
    public static final String LIST = "UnikernalSplitList";

    private final String by;

    /** {@code by}: the split's expression as written, for the reason. */
    public SplitListCheck(String by) {
        this.by = by;
    }

    @Override
    public void process(Exchange exchange) {
        Object value = exchange.getProperty(LIST);
        if (!(value instanceof List)) {
            exchange.removeProperty(LIST);
            String got = JsonTypes.describe(value);
            throw new MessageRejectedException("split by '" + by + "' needs an array, got " + got,
                    List.of("split.by: '" + by + "' is " + got + ", not an array"));
        }
    }
}
