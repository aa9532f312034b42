package io.unikernal.adapter.thrift.component;

import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.TTransportFactory;
import org.apache.thrift.transport.layered.TFramedTransport;

/**
 * Framed transport where one frame holds one message: a message that ends before its frame does, or runs past it,
 * is refused instead of being read on into the next frame (libthrift's own framed transport would wait for one and
 * mix two messages).
 */
final class MessageFrames extends TFramedTransport {

    static final class Factory extends TTransportFactory {
        private final int maxFrameSize;

        Factory(int maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
        }

        @Override
        public TTransport getTransport(TTransport base) throws TTransportException {
            return new MessageFrames(base, maxFrameSize);
        }
    }

    private boolean inMessage;

    MessageFrames(TTransport transport, int maxFrameSize) throws TTransportException {
        super(transport, maxFrameSize);
    }

    /** From here until {@link #endMessage}, reads stay within the frame the message began in. */
    void beginMessage() {
        inMessage = true;
    }

    /** The message has been read: the frame must hold nothing more. */
    void endMessage() throws TTransportException {
        inMessage = false;
        int left = getBytesRemainingInBuffer();
        if (left > 0) {
            consumeBuffer(left);
            throw new TTransportException(TTransportException.CORRUPTED_DATA, "the frame holds " + left
                    + " bytes after its message");
        }
    }

    /** After a message that could not be read: the rest of its frame is dropped, the next frame is the next message. */
    void abandonMessage() {
        inMessage = false;
        int left = getBytesRemainingInBuffer();
        if (left > 0) {
            consumeBuffer(left);
        }
    }

    @Override
    public int read(byte[] buf, int off, int len) throws TTransportException {
        if (inMessage && len > 0 && getBytesRemainingInBuffer() <= 0) {
            throw new TTransportException(TTransportException.CORRUPTED_DATA, "the message is longer than its"
                    + " frame");
        }
        return super.read(buf, off, len);
    }

    /** The frames of a protocol's transport, when it is one. */
    static MessageFrames of(org.apache.thrift.protocol.TProtocol protocol) {
        return protocol.getTransport() instanceof MessageFrames frames ? frames : null;
    }
}
