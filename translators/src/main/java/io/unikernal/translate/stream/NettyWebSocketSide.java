package io.unikernal.translate.stream;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.Executor;

/** The WebSocket side as a Netty channel of the bridge's own listener (its pipeline ends in {@link WebSocketEnd}). */
final class NettyWebSocketSide implements WebSocketSide {

    private final Channel channel;

    NettyWebSocketSide(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void read(boolean on) {
        channel.config().setAutoRead(on);
    }

    @Override
    public boolean reading() {
        return channel.config().isAutoRead();
    }

    @Override
    public void write(WebSocketFrame message) {
        channel.write(message, channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public boolean writable() {
        return channel.isWritable();
    }

    @Override
    public boolean active() {
        return channel.isActive();
    }

    @Override
    public void close(WebSocketCloseStatus status, String reason) {
        channel.writeAndFlush(new CloseWebSocketFrame(status, reason));
        // read on (what comes is dropped) so the peer's close answer arrives and the connection ends with a FIN:
        // closing with unread bytes would reset it, and the peer could lose the close frame
        channel.config().setAutoRead(true);
    }

    @Override
    public void abort() {
        channel.close();
    }

    @Override
    public long pending() {
        return Splice.pending(channel);
    }

    @Override
    public Executor loop() {
        return channel.eventLoop();
    }
}
