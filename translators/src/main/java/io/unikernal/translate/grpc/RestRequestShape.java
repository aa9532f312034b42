package io.unikernal.translate.grpc;

import io.unikernal.translate.rest.GrpcStatusFailure;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.unikernal.adapter.grpc.component.ProtoJson;
import io.unikernal.adapter.grpc.component.ProtoMethod;
import io.unikernal.runtime.StrictJson;
import io.unikernal.translate.rest.HttpBindings;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP request a gRPC request becomes — grpc-gateway's rules run backwards. Without a {@code google.api.http}
 * annotation: {@code POST /{Method}} (or {@code /{package.Service}/{Method}} when two services share the name, as the
 * REST to gRPC side serves them) with the whole message's proto3 JSON. With one (its first rule): its verb; its path
 * template filled from the request's fields (each must be set and match its variable's pattern); the body as the rule
 * says ({@code *}: the message without the path's fields, a field name: that field's JSON, none: no body); and,
 * unless the body is the whole message, every other set field as a query parameter ({@code a.b=v}, a repeated scalar
 * once per value). A map, a repeated message or a Struct cannot be a query parameter: INVALID_ARGUMENT, nothing sent.
 */
final class RestRequestShape {

    /** What to send: the path and query under the translation's base URL, the JSON body (null: none). */
    record Shape(String verb, String pathAndQuery, String body, String responseField) {
    }

    private RestRequestShape() {
    }

    static Shape of(ProtoMethod method, String pathName, DynamicMessage request, HttpBindings.Binding binding,
            TypeRegistry types) {
        if (binding == null) {
            return new Shape("POST", "/" + pathName, ProtoJson.toJson(request, types), "");
        }
        Map<String, Object> whole = tree(ProtoJson.toJson(request, types));
        Map<String, Object> set = tree(setFieldsJson(request, types));
        Map<String, String> pathValues = new LinkedHashMap<>();
        for (String field : binding.path().fields()) {
            Object value = take(whole, field);
            take(set, field);
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw refusal("field '" + field + "' of " + method.input().getFullName() + " is in the path of "
                        + binding.verb() + " " + binding.path() + " but holds no single value");
            }
            pathValues.put(field, value == null ? null : text(value));
        }
        String path = binding.path().expand(pathValues);
        if (path == null) {
            throw refusal("the fields " + binding.path().fields() + " of " + method.input().getFullName()
                    + " must be set to fill the path " + binding.path() + " of " + method.fullName());
        }
        String body = null;
        StringBuilder query = new StringBuilder();
        if (binding.body().equals("*")) {
            body = StrictJson.write(whole);
        } else {
            if (!binding.body().isEmpty()) {
                Object value = whole.get(binding.body());
                set.remove(binding.body());
                body = value == null ? null : StrictJson.write(value);
            }
            query(set, "", method.input(), query);
        }
        return new Shape(binding.verb(), path + (query.length() == 0 ? "" : "?" + query), body,
                binding.responseBody());
    }

    /** The fields set (not at their defaults): the query carries only those. */
    private static String setFieldsJson(DynamicMessage request, TypeRegistry types) {
        try {
            return JsonFormat.printer().usingTypeRegistry(types).preservingProtoFieldNames()
                    .omittingInsignificantWhitespace().print(request);
        } catch (InvalidProtocolBufferException e) {
            throw refusal("the request cannot be written as JSON");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(String json) {
        return new LinkedHashMap<>(StrictJson.read(json, Map.class));
    }

    /** Removes and returns the dotted field of the JSON tree (null when absent). */
    @SuppressWarnings("unchecked")
    private static Object take(Map<String, Object> tree, String dotted) {
        String[] parts = dotted.split("\\.");
        Map<String, Object> at = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(at.get(parts[i]) instanceof Map<?, ?> next)) {
                return null;
            }
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) next);
            at.put(parts[i], copy);
            at = copy;
        }
        return at.remove(parts[parts.length - 1]);
    }

    private static void query(Map<String, Object> fields, String prefix, Descriptor type, StringBuilder query) {
        for (Map.Entry<String, Object> entry : fields.entrySet()) {
            FieldDescriptor field = type.findFieldByName(entry.getKey());
            String name = prefix + entry.getKey();
            Object value = entry.getValue();
            if (field == null || field.isMapField() || (value instanceof Map<?, ?> && (field.isRepeated()
                    || field.getMessageType().getFullName().startsWith("google.protobuf.")))) {
                throw refusal("field '" + name + "' cannot be a query parameter (a map, a repeated message or a"
                        + " Struct); give the method a google.api.http body that carries it");
            }
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> message = (Map<String, Object>) nested;
                query(message, name + ".", field.getMessageType(), query);
            } else if (value instanceof List<?> list) {
                for (Object element : list) {
                    if (element instanceof Map<?, ?> || element instanceof List<?>) {
                        throw refusal("field '" + name + "' cannot be a query parameter (a repeated message)");
                    }
                    parameter(name, element, query);
                }
            } else {
                parameter(name, value, query);
            }
        }
    }

    private static void parameter(String name, Object value, StringBuilder query) {
        query.append(query.length() == 0 ? "" : "&").append(encode(name)).append('=').append(encode(text(value)));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String text(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
    }

    private static GrpcStatusFailure refusal(String why) {
        return new GrpcStatusFailure(Status.Code.INVALID_ARGUMENT, why);
    }
}
