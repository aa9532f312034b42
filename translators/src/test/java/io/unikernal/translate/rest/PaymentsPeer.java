package io.unikernal.translate.rest;

import com.google.protobuf.DynamicMessage;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.unikernal.adapter.grpc.component.ProtoContract;
import io.unikernal.adapter.grpc.component.ProtoMethod;
import io.unikernal.testkit.server.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A real grpc-java server (also the gRPC peer of the Thrift <-> gRPC tests) (grpc-netty, DynamicMessage marshallers) of every service of a .proto on a loopback port.
 * It records each call with its metadata and deadline and answers as the test's behaviour for the method says (an
 * echo by default; a behaviour may throw a StatusRuntimeException). A server-streaming method answers each message
 * of the list its behaviour returns.
 */
public final class PaymentsPeer implements AutoCloseable {

    /** One call as it arrived; {@code deadlineMillis} is the time its deadline left then (-1: none). */
    public record Call(String method, DynamicMessage request, Metadata headers, long deadlineMillis) {
        public String header(String key) {
            return headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        }
    }

    private static final Context.Key<Metadata> HEADERS = Context.key("headers");

    public final int port = FreePort.loopback();
    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public final Map<String, BiFunction<DynamicMessage, Metadata, List<DynamicMessage>>> behaviours =
            new ConcurrentHashMap<>();
    /** Metadata the server sends back with every reply (its initial headers). */
    public final Map<String, String> replyHeaders = new ConcurrentHashMap<>();
    private final Server server;

    public PaymentsPeer(Path proto) {
        ProtoContract contract = ProtoContract.load(proto);
        Map<String, ServerServiceDefinition.Builder> services = new java.util.LinkedHashMap<>();
        for (ProtoMethod method : contract.methods().values()) {
            String service = method.fullName().substring(0, method.fullName().indexOf('/'));
            MethodDescriptor<DynamicMessage, DynamicMessage> descriptor = MethodDescriptor
                    .<DynamicMessage, DynamicMessage>newBuilder().setType(method.type())
                    .setFullMethodName(method.fullName())
                    .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.input())))
                    .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.output())))
                    .build();
            services.computeIfAbsent(service, ServerServiceDefinition::builder).addMethod(descriptor,
                    handler(method));
        }
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
        services.values().forEach(s -> builder.addService(ServerInterceptors.intercept(s.build(), capture())));
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long remaining(Deadline deadline) {
        return deadline == null ? -1 : deadline.timeRemaining(TimeUnit.MILLISECONDS);
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    private ServerCallHandler<DynamicMessage, DynamicMessage> handler(ProtoMethod method) {
        String name = method.fullName();
        if (method.serverStreaming()) {
            return ServerCalls.asyncServerStreamingCall((request, replies) -> {
                for (DynamicMessage reply : answer(name, request)) {
                    replies.onNext(reply);
                }
                replies.onCompleted();
            });
        }
        if (method.clientStreaming()) {
            return ServerCalls.asyncClientStreamingCall((io.grpc.stub.StreamObserver<DynamicMessage> out) ->
                    new io.grpc.stub.StreamObserver<DynamicMessage>() {
                @Override
                public void onNext(DynamicMessage value) {
                    calls.add(new Call(name, value, HEADERS.get(), remaining(Context.current().getDeadline())));
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    out.onNext(DynamicMessage.getDefaultInstance(method.output()));
                    out.onCompleted();
                }
            });
        }
        return ServerCalls.asyncUnaryCall((request, reply) -> {
            try {
                reply.onNext(answer(name, request).get(0));
                reply.onCompleted();
            } catch (RuntimeException e) {
                reply.onError(e);
            }
        });
    }

    private List<DynamicMessage> answer(String method, DynamicMessage request) {
        Metadata headers = HEADERS.get();
        calls.add(new Call(method, request, headers, remaining(Context.current().getDeadline())));
        var behaviour = behaviours.get(method);
        return behaviour == null ? List.of(request) : behaviour.apply(request, headers);
    }

    /** Keeps the metadata of the call in its context, and sends the reply headers the test set. */
    private ServerInterceptor capture() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                ServerCall<Q, R> withHeaders = new io.grpc.ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void sendHeaders(Metadata reply) {
                        replyHeaders.forEach((k, v) -> reply.put(Metadata.Key.of(k,
                                Metadata.ASCII_STRING_MARSHALLER), v));
                        super.sendHeaders(reply);
                    }
                };
                return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), withHeaders, headers,
                        next);
            }
        };
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
