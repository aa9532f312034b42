package io.unikernal.adapter.nats;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Runs after a publish: the route goes on with the payload it had, not the JSON bytes sent, and without their ids. */
public final class NatsPublished implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        message.setBody(exchange.getProperty(NatsMessagePreparer.PAYLOAD));
        exchange.removeProperty(NatsMessagePreparer.PAYLOAD);
        message.removeHeader(NatsHeaderFilter.CORRELATION_ID);
        message.removeHeader(NatsHeaderFilter.MESSAGE_ID);
    }
}
