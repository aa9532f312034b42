package io.unikernal.adapter.serial.component;

import java.util.Arrays;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Writes the body as one frame: text in the port's charset (bytes as they are) followed by a newline, after its length
 * (length-prefixed), or padded with spaces to the fixed frame length. A body that cannot be one frame fails with {@link SerialFrameException}; a port
 * that is gone or cannot be opened fails the call with {@link SerialUnavailableException}, so the route's retry policy
 * carries it — the next call opens the port again.
 */
public class SerialProducer extends DefaultProducer {

    private final SerialEndpoint endpoint;
    private final SerialSettings settings;

    public SerialProducer(SerialEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.settings = endpoint.settings();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        endpoint.line().write(frame(exchange));
    }

    private byte[] frame(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        byte[] payload = body instanceof byte[] bytes ? bytes
                : body == null ? new byte[0] : exchange.getMessage().getBody(String.class).getBytes(settings.charsetValue());
        if (settings.fixed()) {
            if (payload.length > settings.frameLength()) {
                throw new SerialFrameException("a message of " + payload.length + " bytes does not fit a fixed frame"
                        + " of " + settings.frameLength() + " bytes on serial port " + settings.port());
            }
            byte[] frame = Arrays.copyOf(payload, settings.frameLength());
            Arrays.fill(frame, payload.length, frame.length, (byte) ' ');
            return frame;
        }
        if (payload.length > settings.maxFrameSize()) {
            throw new SerialFrameException("a message of " + payload.length + " bytes is longer than maxFrameSize "
                    + settings.maxFrameSize() + " of serial port " + settings.port());
        }
        if (settings.lengthPrefixed()) {
            if (payload.length > settings.largestPrefixed()) {
                throw new SerialFrameException("a message of " + payload.length + " bytes is longer than a length"
                        + " field of " + settings.lengthFieldBytes() + " bytes can say on serial port " + settings.port());
            }
            int field = settings.lengthFieldBytes();
            byte[] frame = new byte[field + payload.length];
            for (int i = 0; i < field; i++) {
                frame[i] = (byte) (payload.length >>> (8 * (field - 1 - i)));
            }
            System.arraycopy(payload, 0, frame, field, payload.length);
            return frame;
        }
        for (byte b : payload) {
            if (b == '\n') {
                throw new SerialFrameException("a message for line framing on serial port " + settings.port()
                        + " contains a newline");
            }
        }
        byte[] frame = Arrays.copyOf(payload, payload.length + 1);
        frame[payload.length] = '\n';
        return frame;
    }
}
