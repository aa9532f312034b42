package io.unikernal.adapter.websocket;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;

/**
 * Prepares a message for camel-vertx-websocket's producer (a broadcast, or a websocket-client call): the body
 * becomes the frame's content ({@link WebSocketFrames}), and no header goes along — a frame carries none, and a
 * connection key or send-to-all flag left on the message by a websocket source would steer the producer.
 */
public final class WebSocketOutbound implements Processor {

    /** The route's message as it was before the call; {@link WebSocketOutboundDone} puts it back. */
    static final String ROUTE_BODY = "UnikernalWebSocketRouteBody";

    private boolean binary;
    private boolean broadcast;

    /** {@code text} (the default) or {@code binary}. */
    public void setFrame(String frame) {
        this.binary = "binary".equals(frame);
    }

    /** Send to every peer connected to the server's path. */
    public void setBroadcast(boolean broadcast) {
        this.broadcast = broadcast;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        exchange.setProperty(ROUTE_BODY, message.getBody());
        message.setBody(WebSocketFrames.content(message.getBody(), binary));
        message.getHeaders().keySet().removeIf(name -> name.startsWith("CamelVertxWebsocket"));
        if (broadcast) {
            message.setHeader(VertxWebsocketConstants.SEND_TO_ALL, true);
        }
    }
}
