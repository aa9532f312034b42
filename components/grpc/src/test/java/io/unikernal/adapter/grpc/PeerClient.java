package io.unikernal.adapter.grpc;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A grpc-java client of a served method, at the byte level (so a test can send bytes that are no Order): one call
 * sends the given messages with the given metadata and optional deadline, and returns what came back — the reply
 * messages, headers and trailers — or throws the call's {@link StatusRuntimeException}.
 */
final class PeerClient implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    record Reply(List<DynamicMessage> messages, Metadata headers, Metadata trailers) {
        DynamicMessage only() {
            if (messages.size() != 1) {
                throw new AssertionError("expected one reply, got " + messages.size());
            }
            return messages.get(0);
        }

        String header(String key) {
            Metadata.Key<String> k = Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER);
            String value = headers == null ? null : headers.get(k);
            return value != null ? value : trailers == null ? null : trailers.get(k);
        }
    }

    static final MethodDescriptor.Marshaller<byte[]> BYTES = io.unikernal.adapter.grpc.component.ProtoMethod.BYTES;

    final ManagedChannel channel;

    PeerClient(int port) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    static MethodDescriptor<byte[], byte[]> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setFullMethodName(name).setType(type)
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
    }

    /** A unary call of {@code method} with one Order. */
    Reply unary(String method, DynamicMessage request, Map<String, String> metadata) {
        return call(method(method, MethodDescriptor.MethodType.UNARY), List.of(request.toByteArray()), metadata, null);
    }

    /** Sends {@code requests} (raw bytes) and waits for the call to end, within {@code deadline} when given. */
    Reply call(MethodDescriptor<byte[], byte[]> method, List<byte[]> requests, Map<String, String> metadata,
            Duration deadline) {
        CallOptions options = deadline == null ? CallOptions.DEFAULT
                : CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
        ClientCall<byte[], byte[]> call = channel.newCall(method, options);
        CompletableFuture<Status> closed = new CompletableFuture<>();
        List<byte[]> replies = new ArrayList<>();
        Metadata[] got = new Metadata[2];
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onHeaders(Metadata headers) {
                got[0] = headers;
            }

            @Override
            public void onMessage(byte[] message) {
                synchronized (replies) {
                    replies.add(message);
                }
                call.request(1);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                got[1] = trailers;
                closed.complete(status);
            }
        }, metadata(metadata));
        call.request(1);
        requests.forEach(call::sendMessage);
        call.halfClose();
        Status status;
        try {
            status = closed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
            call.cancel("test gave up", e);
            throw new AssertionError("the call did not end within " + PATIENCE, e);
        }
        if (!status.isOk()) {
            throw status.asRuntimeException(got[1]);
        }
        List<DynamicMessage> messages = new ArrayList<>();
        synchronized (replies) {
            for (byte[] reply : replies) {
                messages.add(parse(reply));
            }
        }
        return new Reply(messages, got[0], got[1]);
    }

    /**
     * A bidirectional call driven step by step: {@link Bidi#send} one message, {@link Bidi#next} waits for one reply.
     * A peer that waits for each reply before it sends the next proves the replies are not held back to the end.
     */
    final class Bidi {
        private final ClientCall<byte[], byte[]> call;
        private final java.util.concurrent.BlockingQueue<DynamicMessage> replies =
                new java.util.concurrent.LinkedBlockingQueue<>();
        private final CompletableFuture<Status> closed = new CompletableFuture<>();

        private Bidi(String method, Map<String, String> metadata) {
            call = channel.newCall(method(method, MethodDescriptor.MethodType.BIDI_STREAMING), CallOptions.DEFAULT);
            call.start(new ClientCall.Listener<>() {
                @Override
                public void onMessage(byte[] message) {
                    replies.add(parse(message));
                    call.request(1);
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    closed.complete(status);
                }
            }, metadata(metadata));
            call.request(1);
        }

        void send(DynamicMessage message) {
            call.sendMessage(message.toByteArray());
        }

        /** The next reply, or null when none came within {@code within} (or the call ended). */
        DynamicMessage next(Duration within) throws InterruptedException {
            return replies.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Half-closes and waits for the call's status. */
        Status finish() throws Exception {
            call.halfClose();
            return closed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    Bidi bidi(String method, Map<String, String> metadata) {
        return new Bidi(method, metadata);
    }

    static DynamicMessage parse(byte[] bytes) {
        try {
            return DynamicMessage.parseFrom(ContractProto.ORDER, bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("a reply that is no Order", e);
        }
    }

    static Metadata metadata(Map<String, String> entries) {
        Metadata metadata = new Metadata();
        entries.forEach((key, value) -> metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value));
        return metadata;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
