package io.unikernal.translate.thrift;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.unikernal.adapter.grpc.component.ProtoMethod;
import io.unikernal.adapter.thrift.component.ThriftMethod;
import io.unikernal.adapter.thrift.component.ThriftType.Field;
import io.unikernal.adapter.thrift.component.ThriftType.StructType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Thrift method and the gRPC method it is, and how their messages correspond:
 * <ul>
 * <li>arguments: a Thrift method with exactly one argument, of a struct type, takes the request message as that
 * struct ({@code Order find(1: FindRequest request)}); otherwise its arguments are the request message's fields;</li>
 * <li>result: a struct result is the reply message; {@code void} is a reply message without fields
 * ({@code google.protobuf.Empty} or one's own); any other result type is the only field of the reply message.</li>
 * </ul>
 */
record MethodPair(ThriftMethod thrift, ProtoMethod proto) {

    /** The one struct argument that stands for the whole request message, or null (the arguments are its fields). */
    Field wrappedArgument() {
        var fields = thrift.arguments().fields();
        if (fields.size() == 1 && fields.get(0).type() instanceof StructType struct
                && struct.kind() == StructType.Kind.STRUCT) {
            return fields.get(0);
        }
        return null;
    }

    private StructType request() {
        Field wrapped = wrappedArgument();
        return wrapped == null ? thrift.arguments() : (StructType) wrapped.type();
    }

    /** The reply message's only field, when the Thrift result is neither a struct nor void; else null. */
    FieldDescriptor resultField() {
        if (thrift.result() == null || thrift.result() instanceof StructType struct
                && struct.kind() == StructType.Kind.STRUCT) {
            return null;
        }
        return proto.output().getFields().size() == 1 ? proto.output().getFields().get(0) : null;
    }

    /** The shapes' problems for values travelling as {@code request} says (the reply travels the other way). */
    void check(TypeCheck check, Direction request, String path) {
        check.message(request(), proto.input(), request, path + " arguments");
        Direction reply = request == Direction.TO_PROTO ? Direction.TO_THRIFT : Direction.TO_PROTO;
        Descriptor output = proto.output();
        if (thrift.result() == null) {
            if (!output.getFields().isEmpty()) {
                check.refuse(path + " result", "the Thrift method returns void, so " + output.getFullName()
                        + " must have no fields (google.protobuf.Empty), not " + output.getFields().size());
            }
        } else if (thrift.result() instanceof StructType struct && struct.kind() == StructType.Kind.STRUCT) {
            check.message(struct, output, reply, path + " result");
        } else if (resultField() == null) {
            check.refuse(path + " result", "the Thrift result " + thrift.result().display() + " is not a struct,"
                    + " so " + output.getFullName() + " must have exactly one field to hold it");
        } else {
            check.value(thrift.result(), resultField(), reply, path + " result");
        }
    }

    Map<String, Object> requestToProto(Map<?, ?> arguments) {
        Field wrapped = wrappedArgument();
        if (wrapped == null) {
            return ValueMapping.toProto(thrift.arguments(), proto.input(), arguments, "arguments");
        }
        Object value = arguments.get(wrapped.name());
        return value == null ? Map.of() : ValueMapping.toProto((StructType) wrapped.type(), proto.input(),
                (Map<?, ?>) value, wrapped.name());
    }

    Map<String, Object> requestToThrift(Map<?, ?> request) {
        Field wrapped = wrappedArgument();
        if (wrapped == null) {
            return ValueMapping.toThrift(thrift.arguments(), proto.input(), request, "request");
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put(wrapped.name(), ValueMapping.toThrift((StructType) wrapped.type(), proto.input(), request,
                "request"));
        return arguments;
    }

    /** The Thrift result a reply message stands for; null for void. */
    Object resultToThrift(Map<?, ?> reply) {
        if (thrift.result() == null) {
            return null;
        }
        FieldDescriptor field = resultField();
        if (field == null) {
            return ValueMapping.toThrift((StructType) thrift.result(), proto.output(), reply, "reply");
        }
        for (Object name : reply.keySet()) {
            if (!field.getName().equals(name) && !field.getJsonName().equals(name)) {
                throw new MappingRefusal("reply." + name + " has no counterpart in the Thrift result");
            }
        }
        Object value = reply.containsKey(field.getName()) ? reply.get(field.getName()) : reply.get(field.getJsonName());
        return value == null ? null : ValueMapping.thriftValue(thrift.result(), field, value, "reply."
                + field.getName());
    }

    /** The reply message a Thrift result stands for. */
    Map<String, Object> resultToProto(Object result) {
        if (thrift.result() == null || result == null) {
            return Map.of();
        }
        FieldDescriptor field = resultField();
        if (field == null) {
            return ValueMapping.toProto((StructType) thrift.result(), proto.output(), (Map<?, ?>) result, "result");
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put(field.getName(), ValueMapping.protoValue(thrift.result(), field, result, "result"));
        return reply;
    }
}
