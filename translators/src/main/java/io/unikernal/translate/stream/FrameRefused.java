package io.unikernal.translate.stream;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * A message one side sent that the other side's framing cannot carry (too large, a line end inside a line): the
 * connection is closed with {@link #status()}, nothing of it is forwarded.
 */
final class FrameRefused extends Exception {

    private final transient WebSocketCloseStatus status;
    private final String reason;

    FrameRefused(WebSocketCloseStatus status, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    WebSocketCloseStatus status() {
        return status;
    }

    /** Words for the close frame and the log: no data of the message. */
    String reason() {
        return reason;
    }

    /** The metric's reason tag. */
    String kind() {
        return status.code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code() ? StreamMetrics.TOO_LARGE
                : StreamMetrics.BAD_FRAME;
    }
}
