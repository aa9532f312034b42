package io.unikernal.translate.rest;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.grpc.Status;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request message of an annotated binding as a JSON body, as grpc-gateway builds it: the HTTP body per the rule
 * ({@code *}: the whole message, a field name: that field, none: no body), then the path's fields, then — unless the
 * body is the whole message — the query parameters ({@code ?a.b=v}; a repeated field takes each). Values stay text:
 * the proto3 JSON mapping reads {@code "42"} for any number and parses each by its field's type, refusing what does
 * not fit.
 */
final class BoundRequest {

    private BoundRequest() {
    }

    static Map<String, Object> build(HttpBindings.Match match, Object body, String query, Descriptor input) {
        HttpBindings.Binding binding = match.binding();
        Map<String, Object> request = new LinkedHashMap<>();
        if (binding.body().equals("*")) {
            if (body instanceof Map<?, ?> whole) {
                whole.forEach((k, v) -> request.put(String.valueOf(k), v));
            } else if (body != null) {
                throw new RestGrpcRefusal(400, Status.Code.INVALID_ARGUMENT, "the body must be a JSON object of "
                        + input.getFullName());
            }
        } else if (!binding.body().isEmpty() && body != null) {
            put(request, binding.body(), body, input, false);
        }
        match.pathFields().forEach((field, value) -> put(request, field, value, input, false));
        if (!binding.body().equals("*") && query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if (!name.isEmpty() && !match.pathFields().containsKey(name)) {
                    put(request, name, value, input, true);
                }
            }
        }
        return request;
    }

    /** Sets the dotted field {@code path} of the request, making the messages on the way. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> request, String path, Object value, Descriptor type,
            boolean fromQuery) {
        String[] parts = path.split("\\.");
        Map<String, Object> at = request;
        Descriptor descriptor = type;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            FieldDescriptor field = descriptor.findFieldByName(part);
            if (field == null) {
                field = descriptor.getFields().stream().filter(f -> f.getJsonName().equals(part)).findFirst()
                        .orElse(null);
            }
            if (field == null) {
                throw new RestGrpcRefusal(400, Status.Code.INVALID_ARGUMENT, (fromQuery ? "query parameter '" : "'")
                        + path + "' is not a field of " + type.getFullName());
            }
            if (i == parts.length - 1) {
                if (field.isRepeated() && !field.isMapField() && !(value instanceof List<?>)) {
                    ((List<Object>) at.computeIfAbsent(field.getName(), k -> new ArrayList<>())).add(value);
                } else {
                    at.put(field.getName(), value);
                }
                return;
            }
            if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || field.isRepeated()) {
                throw new RestGrpcRefusal(400, Status.Code.INVALID_ARGUMENT, "'" + path + "' does not name a field"
                        + " of " + type.getFullName() + " ('" + parts[i] + "' holds no message)");
            }
            Object next = at.computeIfAbsent(field.getName(), k -> new LinkedHashMap<String, Object>());
            if (!(next instanceof Map<?, ?>)) {
                throw new RestGrpcRefusal(400, Status.Code.INVALID_ARGUMENT, "'" + path + "' is given twice");
            }
            at = (Map<String, Object>) next;
            descriptor = field.getMessageType();
        }
    }
}
