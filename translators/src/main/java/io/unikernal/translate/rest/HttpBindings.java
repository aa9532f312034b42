package io.unikernal.translate.rest;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.unikernal.adapter.grpc.component.ProtoContract;
import io.unikernal.adapter.grpc.component.ProtoContractException;
import io.unikernal.adapter.grpc.component.ProtoMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code google.api.http} annotations of a contract's methods: each rule (and its additional bindings) as a verb,
 * a path template and its body rules. protobuf-java keeps the option as an unknown field of the method's options
 * (it has no generated class for the extension); it is read with the contract's own {@code google.api.HttpRule} type,
 * so a contract that imports {@code google/api/annotations.proto} brings what reads it.
 */
public final class HttpBindings {

    /** The field number of {@code google.api.http} in {@code google.protobuf.MethodOptions}. */
    static final int HTTP_OPTION = 72295728;

    /** One binding: {@code body} "" (none), "*" (the whole request) or a field; {@code responseBody} "" or a field. */
    public record Binding(String verb, PathTemplate path, String body, String responseBody, ProtoMethod method) {
    }

    /** A request matched to a binding, with the fields its path gives. */
    record Match(Binding binding, Map<String, String> pathFields) {
    }

    private final List<Binding> bindings;

    private HttpBindings(List<Binding> bindings) {
        this.bindings = List.copyOf(bindings);
    }

    public static HttpBindings of(ProtoContract contract) {
        Descriptor rule = contract.types().find("google.api.HttpRule");
        List<Binding> bindings = new ArrayList<>();
        if (rule != null) {
            for (ProtoMethod method : contract.methods().values()) {
                var option = method.descriptor().getOptions().getUnknownFields().getField(HTTP_OPTION);
                for (ByteString bytes : option.getLengthDelimitedList()) {
                    add(parse(rule, bytes, method), method, bindings);
                }
            }
        }
        return new HttpBindings(bindings);
    }

    private static DynamicMessage parse(Descriptor rule, ByteString bytes, ProtoMethod method) {
        try {
            return DynamicMessage.parseFrom(rule, bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ProtoContractException("the google.api.http option of " + method.fullName()
                    + " cannot be read: " + e.getMessage());
        }
    }

    private static void add(DynamicMessage rule, ProtoMethod method, List<Binding> bindings) {
        String body = text(rule, "body");
        String response = text(rule, "response_body");
        for (String verb : List.of("get", "put", "post", "delete", "patch")) {
            String template = text(rule, verb);
            if (!template.isEmpty()) {
                bindings.add(new Binding(verb.toUpperCase(Locale.ROOT), PathTemplate.parse(template), body, response,
                        method));
            }
        }
        FieldDescriptor custom = rule.getDescriptorForType().findFieldByName("custom");
        if (rule.hasField(custom)) {
            DynamicMessage pattern = (DynamicMessage) rule.getField(custom);
            bindings.add(new Binding(text(pattern, "kind").toUpperCase(Locale.ROOT),
                    PathTemplate.parse(text(pattern, "path")), body, response, method));
        }
        FieldDescriptor more = rule.getDescriptorForType().findFieldByName("additional_bindings");
        for (int i = 0; i < rule.getRepeatedFieldCount(more); i++) {
            add((DynamicMessage) rule.getRepeatedField(more, i), method, bindings);
        }
    }

    private static String text(DynamicMessage message, String field) {
        return (String) message.getField(message.getDescriptorForType().findFieldByName(field));
    }

    /** The method's own rule (its first binding, not an additional one); null when it has no annotation. */
    public Binding first(ProtoMethod method) {
        return bindings.stream().filter(b -> b.method() == method).findFirst().orElse(null);
    }

    boolean isEmpty() {
        return bindings.isEmpty();
    }

    /** The binding of this verb and path; null when none. */
    Match find(String verb, String path) {
        for (Binding binding : bindings) {
            Map<String, String> fields = binding.verb().equals(verb) ? binding.path().match(path) : null;
            if (fields != null) {
                return new Match(binding, fields);
            }
        }
        return null;
    }

    /** True when some binding serves this path with another verb (405 rather than 404). */
    boolean servesPath(String path) {
        return bindings.stream().anyMatch(b -> b.path().match(path) != null);
    }
}
