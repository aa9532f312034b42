package io.unikernal.adapter.grpc.component;

import com.google.protobuf.Descriptors;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import java.io.UncheckedIOException;

/**
 * One method of a service of a {@code .proto} file: its descriptor (input and output message types, streaming on
 * either side) and the grpc-java method descriptor calls and servers use. Messages cross grpc-java as bytes; this
 * module turns them into messages itself ({@link ProtoJson}), so a message that does not fit the type is answered
 * with INVALID_ARGUMENT instead of grpc-java's INTERNAL.
 */
public final class ProtoMethod {

    /** Bytes as they are: grpc-java has checked the size (maxInboundMessageSize) before they get here. */
    public static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new DrainableBytes(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /**
     * The bytes as grpc-java's own marshallers hand them over: {@link Drainable} (and {@link KnownLength}), which
     * Vert.x's gRPC bridge (the HTTP listener's server) requires and grpc-netty writes without a copy.
     */
    private static final class DrainableBytes extends ByteArrayInputStream implements Drainable, KnownLength {
        DrainableBytes(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int drainTo(OutputStream target) throws IOException {
            int length = count - pos;
            target.write(buf, pos, length);
            pos = count;
            return length;
        }
    }

    private final Descriptors.MethodDescriptor method;
    private final String fullName;
    private final MethodDescriptor<byte[], byte[]> grpc;

    ProtoMethod(Descriptors.MethodDescriptor method) {
        this.method = method;
        this.fullName = method.getService().getFullName() + "/" + method.getName();
        this.grpc = MethodDescriptor.<byte[], byte[]>newBuilder().setFullMethodName(fullName).setType(type())
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
    }

    /** protobuf's descriptor of the method: its options (e.g. {@code google.api.http}, as unknown fields). */
    public Descriptors.MethodDescriptor descriptor() {
        return method;
    }

    /** {@code package.Service/Method}, as gRPC names it on the wire. */
    public String fullName() {
        return fullName;
    }

    public Descriptors.Descriptor input() {
        return method.getInputType();
    }

    public Descriptors.Descriptor output() {
        return method.getOutputType();
    }

    public boolean clientStreaming() {
        return method.isClientStreaming();
    }

    public boolean serverStreaming() {
        return method.isServerStreaming();
    }

    public MethodType type() {
        if (method.isClientStreaming()) {
            return method.isServerStreaming() ? MethodType.BIDI_STREAMING : MethodType.CLIENT_STREAMING;
        }
        return method.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY;
    }

    /** The grpc-java descriptor, with bytes for messages. */
    public MethodDescriptor<byte[], byte[]> grpc() {
        return grpc;
    }

    /** {@code unary}, {@code server streaming}, ... for messages. */
    public String kind() {
        return type().name().toLowerCase(java.util.Locale.ROOT).replace("bidi_", "bidirectional ").replace('_', ' ');
    }

    @Override
    public String toString() {
        return fullName;
    }
}
