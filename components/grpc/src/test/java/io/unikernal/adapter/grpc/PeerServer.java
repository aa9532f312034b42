package io.unikernal.adapter.grpc;

import com.google.protobuf.DynamicMessage;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.server.RestartableServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real grpc-java server of {@code contract.Orders} on a loopback port, built from {@link ContractProto}'s
 * hand-made descriptors with protobuf's DynamicMessage marshallers (no code of the adapter). It records every request
 * with its metadata, and answers as {@link #take} says (an echo unless a test sets another behaviour). It can be
 * stopped and started again on the same port.
 */
final class PeerServer implements RestartableServer, AutoCloseable {

    /** How Take answers one request; may throw a {@link StatusRuntimeException}. */
    @FunctionalInterface
    interface Behaviour {
        DynamicMessage answer(DynamicMessage request) throws Exception;
    }

    record Call(String method, DynamicMessage request, Metadata headers) {
        String header(String key) {
            return headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        }
    }

    private static final Context.Key<Metadata> HEADERS = Context.key("headers");

    final int port;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Calls whose context ended by cancellation (the caller's deadline or cancel) while the handler ran. */
    final List<String> cancelled = new CopyOnWriteArrayList<>();
    volatile Behaviour take = request -> request;
    private Server server;
    /** TLS: the certificate chain and key (PEM files), or null for plaintext. */
    private java.io.File certChain;
    private java.io.File privateKey;

    private PeerServer(int port) {
        this.port = port;
    }

    static PeerServer start(int port) {
        PeerServer peer = new PeerServer(port);
        peer.start();
        return peer;
    }

    static PeerServer onFreePort() {
        return start(FreePort.loopback());
    }

    /** A TLS server with this certificate chain and key. */
    static PeerServer withTls(Path certChain, Path privateKey) {
        PeerServer peer = new PeerServer(FreePort.loopback());
        peer.certChain = certChain.toFile();
        peer.privateKey = privateKey.toFile();
        peer.start();
        return peer;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() {
        try {
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                    .addService(ServerInterceptors.intercept(service(), new CaptureHeaders()));
            if (certChain != null) {
                builder.useTransportSecurity(certChain, privateKey);
            }
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    private static MethodDescriptor<DynamicMessage, DynamicMessage> descriptor(String name,
            MethodDescriptor.MethodType type) {
        MethodDescriptor.Marshaller<DynamicMessage> orders = ProtoUtils.marshaller(
                DynamicMessage.getDefaultInstance(ContractProto.ORDER));
        return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder().setType(type)
                .setFullMethodName("contract.Orders/" + name).setRequestMarshaller(orders)
                .setResponseMarshaller(orders).build();
    }

    private void record(String method, DynamicMessage request) {
        calls.add(new Call(method, request, HEADERS.get()));
    }

    private void watchCancel(String method) {
        Context.current().addListener(context -> cancelled.add(method), Runnable::run);
    }

    private ServerServiceDefinition service() {
        return ServerServiceDefinition.builder("contract.Orders")
                .addMethod(descriptor("Take", MethodDescriptor.MethodType.UNARY),
                        ServerCalls.asyncUnaryCall((request, reply) -> {
                            record(ContractProto.TAKE, request);
                            watchCancel(ContractProto.TAKE);
                            try {
                                reply.onNext(take.answer(request));
                                reply.onCompleted();
                            } catch (StatusRuntimeException e) {
                                reply.onError(e);
                            } catch (Exception e) {
                                reply.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
                            }
                        }))
                // three copies of the request, n = 1, 2, 3
                .addMethod(descriptor("Watch", MethodDescriptor.MethodType.SERVER_STREAMING),
                        ServerCalls.asyncServerStreamingCall((request, reply) -> {
                            record(ContractProto.WATCH, request);
                            for (int i = 1; i <= 3; i++) {
                                reply.onNext(request.toBuilder().setField(ContractProto.ORDER.findFieldByName("n"), i)
                                        .build());
                            }
                            reply.onCompleted();
                        }))
                // the ids joined, n the count
                .addMethod(descriptor("Collect", MethodDescriptor.MethodType.CLIENT_STREAMING),
                        ServerCalls.asyncClientStreamingCall((StreamObserver<DynamicMessage> reply) -> new StreamObserver<DynamicMessage>() {
                            private final StringBuilder ids = new StringBuilder();
                            private int count;

                            @Override
                            public void onNext(DynamicMessage request) {
                                record(ContractProto.COLLECT, request);
                                ids.append(ids.length() == 0 ? "" : ",").append(request.getField(
                                        ContractProto.ORDER.findFieldByName("id")));
                                count++;
                            }

                            @Override
                            public void onError(Throwable t) {
                            }

                            @Override
                            public void onCompleted() {
                                reply.onNext(ContractProto.order("{\"id\": \"" + ids + "\", \"n\": " + count + "}"));
                                reply.onCompleted();
                            }
                        }))
                // an echo of each message as it comes
                .addMethod(descriptor("Chat", MethodDescriptor.MethodType.BIDI_STREAMING),
                        ServerCalls.asyncBidiStreamingCall((StreamObserver<DynamicMessage> reply) -> new StreamObserver<DynamicMessage>() {
                            @Override
                            public void onNext(DynamicMessage request) {
                                record(ContractProto.CHAT, request);
                                reply.onNext(request);
                            }

                            @Override
                            public void onError(Throwable t) {
                            }

                            @Override
                            public void onCompleted() {
                                reply.onCompleted();
                            }
                        }))
                .build();
    }

    private static final class CaptureHeaders implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                ServerCallHandler<Q, R> next) {
            return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, next);
        }
    }
}
