package io.unikernal.translate.grpc;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.unikernal.adapter.grpc.component.ProtoContract;
import io.unikernal.adapter.grpc.component.ProtoMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A grpc-java client of DynamicMessages (the method's types from the .proto) calling a translation on loopback: the
 * request as proto3 JSON, the reply (or the status) with its metadata.
 */
final class GrpcCaller implements AutoCloseable {

    /** A call's outcome: its status code and description, the reply as JSON (null on error) and its metadata. */
    record Result(String code, String description, String json, Map<String, String> metadata) {
    }

    private final ManagedChannel channel;
    private final ProtoContract contract;

    GrpcCaller(int port, Path proto) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        contract = ProtoContract.load(proto);
    }

    /** Calls {@code method} (package.Service/Method) with this JSON request, metadata and deadline (null: none). */
    Result call(String method, String json, Map<String, String> metadata, Duration deadline) throws Exception {
        ProtoMethod known = contract.methods().get(method);
        // a method the contract lacks is called with the Payment types, to see the server refuse it
        ProtoMethod shape = known != null ? known : contract.methods().values().iterator().next();
        MethodDescriptor<DynamicMessage, DynamicMessage> descriptor = MethodDescriptor
                .<DynamicMessage, DynamicMessage>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(method)
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(shape.input())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(shape.output())))
                .build();
        DynamicMessage.Builder request = DynamicMessage.newBuilder(shape.input());
        JsonFormat.parser().usingTypeRegistry(contract.types()).merge(json, request);
        Metadata sent = new Metadata();
        metadata.forEach((k, v) -> sent.put(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER), v));
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(deadline == null ? 30_000 : deadline.toMillis(),
                TimeUnit.MILLISECONDS);
        var intercepted = io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(sent),
                MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));
        try {
            DynamicMessage reply = ClientCalls.blockingUnaryCall(intercepted, descriptor, options, request.build());
            return new Result("OK", "", print(reply), metadata(headers.get(), trailers.get()));
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            return new Result(status.getCode().name(), String.valueOf(status.getDescription()), null,
                    metadata(headers.get(), e.getTrailers()));
        }
    }

    private String print(DynamicMessage message) throws InvalidProtocolBufferException {
        return JsonFormat.printer().usingTypeRegistry(contract.types()).preservingProtoFieldNames()
                .omittingInsignificantWhitespace().print(message);
    }

    private static Map<String, String> metadata(Metadata... all) {
        Map<String, String> out = new TreeMap<>();
        for (Metadata metadata : all) {
            if (metadata != null) {
                for (String key : metadata.keys()) {
                    if (!key.endsWith("-bin")) {
                        out.put(key, metadata.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
