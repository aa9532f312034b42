package io.unikernal.adapter.websocket;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;

/** After a write: the route's message as it was before {@link WebSocketOutbound} (a one-way call changes nothing). */
public final class WebSocketOutboundDone implements Processor {

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.removeProperty(WebSocketOutbound.ROUTE_BODY);
        if (body != null) {
            exchange.getMessage().setBody(body);
        }
        exchange.getMessage().removeHeader(VertxWebsocketConstants.SEND_TO_ALL);
    }
}
