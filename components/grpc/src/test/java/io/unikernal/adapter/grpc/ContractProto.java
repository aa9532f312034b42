package io.unikernal.adapter.grpc;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The service the tests serve and call, {@code contract.Orders}, twice: as the {@code .proto} text the adapter reads,
 * and as descriptors built by hand with protobuf-java's own builders for the grpc-java peers — so a peer never
 * depends on the adapter's parsing.
 */
final class ContractProto {

    static final String TEXT = """
            syntax = "proto3";
            package contract;

            // the contract suite's message: a unique id, a number, a note
            message Order {
              string id = 1;
              int32 n = 2;
              string note = 3;
            }

            service Orders {
              rpc Take (Order) returns (Order);
              rpc Watch (Order) returns (stream Order);
              rpc Collect (stream Order) returns (Order);
              rpc Chat (stream Order) returns (stream Order);
            }
            """;

    static final String TAKE = "contract.Orders/Take";
    static final String WATCH = "contract.Orders/Watch";
    static final String COLLECT = "contract.Orders/Collect";
    static final String CHAT = "contract.Orders/Chat";

    static final Descriptors.FileDescriptor FILE = build();
    static final Descriptors.Descriptor ORDER = FILE.findMessageTypeByName("Order");
    static final Descriptors.ServiceDescriptor ORDERS = FILE.findServiceByName("Orders");

    private ContractProto() {
    }

    /** Writes the file into {@code dir} and returns its absolute path. */
    static Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("contract.proto"), TEXT).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An Order from JSON (protobuf's own parser). */
    static DynamicMessage order(String json) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(ORDER);
        try {
            JsonFormat.parser().merge(json, builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e);
        }
        return builder.build();
    }

    static String json(DynamicMessage message) {
        try {
            return JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace().print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Descriptors.FileDescriptor build() {
        DescriptorProto order = DescriptorProto.newBuilder().setName("Order")
                .addField(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(field("n", 2, FieldDescriptorProto.Type.TYPE_INT32))
                .addField(field("note", 3, FieldDescriptorProto.Type.TYPE_STRING)).build();
        ServiceDescriptorProto orders = ServiceDescriptorProto.newBuilder().setName("Orders")
                .addMethod(method("Take", false, false)).addMethod(method("Watch", false, true))
                .addMethod(method("Collect", true, false)).addMethod(method("Chat", true, true)).build();
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("contract.proto").setPackage("contract")
                .setSyntax("proto3").addMessageType(order).addService(orders).build();
        try {
            return Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]);
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setJsonName(name).build();
    }

    private static MethodDescriptorProto method(String name, boolean clientStreaming, boolean serverStreaming) {
        return MethodDescriptorProto.newBuilder().setName(name).setInputType(".contract.Order")
                .setOutputType(".contract.Order").setClientStreaming(clientStreaming)
                .setServerStreaming(serverStreaming).build();
    }
}
