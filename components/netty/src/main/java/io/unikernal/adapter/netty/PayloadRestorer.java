package io.unikernal.adapter.netty;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** After a one-way send: the message's body is the payload again, not the frame that went out. */
public final class PayloadRestorer implements Processor {

    @Override
    public void process(Exchange exchange) {
        if (exchange.getProperties().containsKey(FrameOutbound.PAYLOAD)) {
            exchange.getMessage().setBody(exchange.removeProperty(FrameOutbound.PAYLOAD));
        }
    }
}
