package io.unikernal.translate.thrift;

import io.grpc.Status;
import io.unikernal.adapter.thrift.component.ThriftMethod;
import io.unikernal.adapter.thrift.component.ThriftType;
import io.unikernal.adapter.thrift.component.ThriftType.Field;
import io.unikernal.adapter.thrift.component.ThriftType.StructType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Thrift declared exceptions and gRPC status codes, by name:
 * <ul>
 * <li>an exception type names a status when its name, without an {@code Exception} or {@code Error} suffix and
 * ignoring case and underscores, is the code's ({@code NotFound}, {@code NotFoundException}, {@code NOT_FOUND} are
 * NOT_FOUND);</li>
 * <li>otherwise an exception with a {@code code} field (a code's name or number) stands for the code it holds — a
 * generic error exception;</li>
 * <li>its text travels in a string field named {@code message}, {@code description}, {@code msg}, {@code reason} or
 * {@code detail}.</li>
 * </ul>
 */
final class StatusNames {

    private static final Set<String> TEXT_FIELDS = Set.of("message", "description", "msg", "reason", "detail");
    private static final String CODE_FIELD = "code";

    private StatusNames() {
    }

    /** The status a declared exception a Thrift service threw stands for; UNKNOWN when it names none. */
    static Status.Code ofException(String type, Map<String, Object> fields) {
        Status.Code named = named(type);
        if (named != null) {
            return named;
        }
        Object code = fields.get(CODE_FIELD);
        if (code instanceof Number number && number.longValue() > 0 && number.longValue() <= 16) {
            return Status.fromCodeValue(number.intValue()).getCode();
        }
        if (code instanceof String text && named(text) != null) {
            return named(text);
        }
        return Status.Code.UNKNOWN;
    }

    /** The text of the exception, for the status's description: its text field, else its fields. */
    static String text(Map<String, Object> fields) {
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (TEXT_FIELDS.contains(field.getKey().toLowerCase(Locale.ROOT)) && field.getValue() instanceof String s) {
                return s;
            }
        }
        return null;
    }

    /**
     * The declared exception of {@code method} that answers {@code code} with {@code text}, its fields filled; null
     * when none fits (one named after the code first, then one with a code field; every required field fillable).
     */
    static Map.Entry<String, Map<String, Object>> declared(ThriftMethod method, Status.Code code, String text) {
        for (Field thrown : method.exceptions()) {
            if (named(((StructType) thrown.type()).name()) == code) {
                Map<String, Object> fields = fill((StructType) thrown.type(), code, text, false);
                if (fields != null) {
                    return Map.entry(thrown.name(), fields);
                }
            }
        }
        for (Field thrown : method.exceptions()) {
            StructType type = (StructType) thrown.type();
            if (named(type.name()) == null && type.field(CODE_FIELD) != null) {
                Map<String, Object> fields = fill(type, code, text, true);
                if (fields != null) {
                    return Map.entry(thrown.name(), fields);
                }
            }
        }
        return null;
    }

    private static Map<String, Object> fill(StructType type, Status.Code code, String text, boolean withCode) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Field field : type.fields()) {
            Object value = null;
            if (TEXT_FIELDS.contains(field.name().toLowerCase(Locale.ROOT)) && field.type() == ThriftType.Base.STRING) {
                value = text == null ? code.name() : text;
            } else if (withCode && field.name().equals(CODE_FIELD)) {
                value = codeValue(field.type(), code);
                if (value == null) {
                    return null;
                }
            }
            if (value != null) {
                fields.put(field.name(), value);
            } else if (field.required()) {
                return null; // a required field this answer cannot fill
            }
        }
        return fields;
    }

    private static Object codeValue(ThriftType type, Status.Code code) {
        if (type == ThriftType.Base.STRING) {
            return code.name();
        }
        if (type == ThriftType.Base.I32 || type == ThriftType.Base.I64 || type == ThriftType.Base.I16) {
            return (long) code.value();
        }
        if (type instanceof ThriftType.EnumType enumType && enumType.byName().containsKey(code.name())) {
            return code.name();
        }
        return null;
    }

    private static Status.Code named(String name) {
        String loose = loose(name);
        for (String suffix : new String[] {"exception", "error"}) {
            if (loose.endsWith(suffix) && loose.length() > suffix.length()) {
                loose = loose.substring(0, loose.length() - suffix.length());
                break;
            }
        }
        for (Status.Code code : Status.Code.values()) {
            if (code != Status.Code.OK && loose(code.name()).equals(loose)) {
                return code;
            }
        }
        return null;
    }

    private static String loose(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
