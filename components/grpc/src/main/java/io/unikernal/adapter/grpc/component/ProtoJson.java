package io.unikernal.adapter.grpc.component;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import io.unikernal.runtime.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Messages of a {@code .proto} type as the routes see them: JSON in protobuf's proto3 mapping ({@link JsonFormat}),
 * with the field names as the {@code .proto} file writes them ({@code order_id}, not {@code orderId}; either is read),
 * every field present (defaults included, so a route's expression finds {@code n: 0}), 64-bit integers as JSON
 * strings and enums by name, as the mapping says. Reading is strict both ways: a JSON field the type does not have is
 * refused, and so is a binary field the type does not have or has with another wire type (protobuf would keep it as
 * an unknown field: a message of another type would pass as this one).
 */
public final class ProtoJson {

    private ProtoJson() {
    }

    /** The message the bytes hold, refusing fields {@code type} does not know. */
    public static DynamicMessage fromBytes(byte[] bytes, Descriptor type) {
        DynamicMessage message;
        try {
            message = DynamicMessage.parseFrom(type, bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ProtoMessageException("the message is not a valid " + type.getFullName() + " ("
                    + ProtoContractException.describe(e) + ")");
        }
        String unknown = unknownField(message, "");
        if (unknown != null) {
            throw new ProtoMessageException("the message does not fit " + type.getFullName() + ": " + unknown);
        }
        return message;
    }

    /** The message the bytes hold, fields of a newer version of the type left out (for replies). */
    public static DynamicMessage fromBytesLenient(byte[] bytes, Descriptor type) {
        try {
            return DynamicMessage.parseFrom(type, bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ProtoMessageException("the message is not a valid " + type.getFullName() + " ("
                    + ProtoContractException.describe(e) + ")");
        }
    }

    /**
     * The message as a route's body: the map {@link ProtoMaps} makes for the types it can, else the JSON text (which
     * the kernel parses as any JSON body). Either way the same value, as {@link #toJson} maps it.
     */
    public static Object toBody(Message message, TypeRegistry types) {
        Map<String, Object> map = ProtoMaps.toMap(message);
        return map != null ? map : toJson(message, types);
    }

    /** JSON text of the message (proto3 mapping, field names as in the file, defaults printed). */
    @SuppressWarnings("deprecation") // includingDefaultValueFields: protobuf-java 3.25's name for it
    public static String toJson(Message message, TypeRegistry types) {
        try {
            return JsonFormat.printer().usingTypeRegistry(types).preservingProtoFieldNames()
                    .includingDefaultValueFields().omittingInsignificantWhitespace().print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new ProtoMessageException("the message of type " + message.getDescriptorForType().getFullName()
                    + " cannot be written as JSON (" + ProtoContractException.describe(e) + ")");
        }
    }

    /**
     * The message of {@code type} a body stands for: the message itself, JSON text (a String or UTF-8 bytes), or a
     * parsed JSON value (a Map, as a route's body is).
     */
    public static DynamicMessage fromBody(Object body, Descriptor type, TypeRegistry types) {
        if (body instanceof DynamicMessage message && message.getDescriptorForType() == type) {
            return message;
        }
        if (body instanceof Message message && message.getDescriptorForType().getFullName()
                .equals(type.getFullName())) {
            return fromBytes(message.toByteArray(), type);
        }
        if (body instanceof Map<?, ?> map) {
            DynamicMessage direct = ProtoMaps.fromMap(map, type);
            if (direct != null) {
                return direct;
            }
        }
        String json;
        if (body == null) {
            json = "{}";
        } else if (body instanceof String text) {
            json = text;
        } else if (body instanceof byte[] bytes) {
            json = new String(bytes, StandardCharsets.UTF_8);
        } else if (body instanceof Map<?, ?> || body instanceof List<?>) {
            json = StrictJson.write(body);
        } else {
            throw new ProtoMessageException("a " + type.getFullName() + " message is made from a JSON object, not"
                    + " from " + describe(body));
        }
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        try {
            JsonFormat.parser().usingTypeRegistry(types).merge(json, builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new ProtoMessageException("the message does not fit " + type.getFullName() + " ("
                    + ProtoContractException.describe(e) + ")");
        }
        return builder.build();
    }

    private static String describe(Object body) {
        if (body instanceof Number) {
            return "a number";
        }
        if (body instanceof Boolean) {
            return "a boolean";
        }
        return "a value of another kind";
    }

    /** The first field of the message or its nested messages that the type does not know, in words; or null. */
    private static String unknownField(Message message, String at) {
        if (!message.getUnknownFields().asMap().isEmpty()) {
            int number = message.getUnknownFields().asMap().keySet().iterator().next();
            FieldDescriptor declared = message.getDescriptorForType().findFieldByNumber(number);
            String where = at.isEmpty() ? "" : " (in " + at + ")";
            return declared == null
                    ? "field number " + number + " is not a field of " + message.getDescriptorForType().getFullName()
                            + where
                    : "field " + declared.getName() + " (number " + number + ") came with another wire type than "
                            + declared.getType().name().toLowerCase(java.util.Locale.ROOT) + where;
        }
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            String path = at.isEmpty() ? field.getKey().getName() : at + "." + field.getKey().getName();
            List<?> values = field.getKey().isRepeated() ? (List<?>) field.getValue() : List.of(field.getValue());
            for (Object value : values) {
                String unknown = unknownField((Message) value, path);
                if (unknown != null) {
                    return unknown;
                }
            }
        }
        return null;
    }
}
