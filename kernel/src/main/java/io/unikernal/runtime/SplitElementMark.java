package io.unikernal.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The first node of a split step's body: keeps the element as it came out of the list (as JSON text, before any
 * step of the body changes it) and its index in the list, so that an element that fails is dead-lettered as itself
 * with its index ({@link DeadLetterRecorder}), not as the whole message it was split from. In a split inside a split
 * the inner element and index are kept; the correlation id still names the message.
 */
public final class SplitElementMark implements Processor {

    /** Exchange property: the element as JSON text. */
    public static final String ELEMENT = "UnikernalSplitElement";

    /** Exchange property: the element's index in its list, from 0. */
    public static final String INDEX = "UnikernalSplitIndex";

    @Override
    public void process(Exchange exchange) {
        Object element = exchange.getMessage().getBody();
        exchange.setProperty(ELEMENT, element instanceof String text ? text : StrictJson.write(element));
        exchange.setProperty(INDEX, exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class));
        // the list belongs to the message the element was split from
        exchange.removeProperty(SplitListCheck.LIST);
    }
}
