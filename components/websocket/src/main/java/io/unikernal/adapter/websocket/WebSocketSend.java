package io.unikernal.adapter.websocket;

import io.unikernal.runtime.MessageRejectedException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.websocket.VertxWebsocketPeerLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the message to one connected peer of the app's own websocket server: as a route's reply, to the sender
 * (whose key the route kept from its first node), or as a target call, to the connection the message's
 * {@code WebSocketConnection} header names. The message is written as JSON in a text frame, or in a binary frame
 * with {@code frame: binary}; bytes a route made go out as they are, in a binary frame.
 *
 * <p>A reply to a peer that has gone is dropped with one log line (nobody is there to read it); a target call to a
 * peer that has gone fails the message (dead letter, with the reason): no retry can bring that connection back.
 */
public final class WebSocketSend implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketSend.class);

    private boolean reply;
    private boolean binary;

    /** True: the route's reply to its sender; false: a call to the connection the message names. */
    public void setReply(boolean reply) {
        this.reply = reply;
    }

    /** {@code text} (the default) or {@code binary}. */
    public void setFrame(String frame) {
        this.binary = "binary".equals(frame);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String key = reply ? exchange.getProperty(WebSocketHeaders.SENDER, String.class)
                : message.getHeader(WebSocketHeaders.CONNECTION, String.class);
        ServerWebSocket socket = VertxWebsocketPeerLookup.connected(exchange.getContext(), key);
        if (socket == null) {
            if (reply) {
                if (!"close".equals(message.getHeader(WebSocketHeaders.EVENT))) {
                    LOG.info("reply to websocket connection {} dropped: the peer has gone", key);
                }
                return;
            }
            throw new MessageRejectedException("no websocket peer is connected as " + (key == null
                    ? "the message's connection (it has no WebSocketConnection header)" : "connection " + key),
                    List.of("a call to a connection reaches that one peer while it is connected; broadcast: true"
                            + " reaches every peer connected now"));
        }
        Object content = WebSocketFrames.content(message.getBody(), binary);
        var written = content instanceof byte[] bytes ? socket.writeBinaryMessage(Buffer.buffer(bytes))
                : socket.writeTextMessage((String) content);
        if (reply) {
            written.onFailure(e -> LOG.info("reply to websocket connection {} not written: {}", key, e.getMessage()));
        } else {
            // the call is done once the frame is written to the connection (a WebSocket has no acknowledgement)
            written.toCompletionStage().toCompletableFuture().get();
        }
    }
}
