package io.unikernal.adapter.nats;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.nats.NatsConstants;

/**
 * Runs first on a message from a NATS subscription: keeps its reply subject (a request's inbox) in the exchange, where
 * {@link NatsReplyPublisher} finds it at the end — a request the route makes itself on the way replaces camel-nats'
 * reply header.
 */
public final class NatsReplySubject implements Processor {

    /** Exchange property: the reply subject of the message the route is answering; absent for a one-way message. */
    public static final String PROPERTY = "UnikernalNatsReplyTo";

    @Override
    public void process(Exchange exchange) {
        String replyTo = exchange.getMessage().getHeader(NatsConstants.NATS_REPLY_TO, String.class);
        if (replyTo != null && !replyTo.isBlank()) {
            exchange.setProperty(PROPERTY, replyTo);
        }
    }
}
