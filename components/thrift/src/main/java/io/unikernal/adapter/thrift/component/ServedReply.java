package io.unikernal.adapter.thrift.component;

import io.unikernal.adapter.thrift.component.ThriftType.Field;
import io.unikernal.adapter.thrift.component.ThriftType.StructType;
import io.unikernal.runtime.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;

/**
 * What a served call is answered with, checked against the method before a byte is written: the result, one of the
 * method's declared exceptions, or a {@link TApplicationException} (type and text).
 */
public sealed interface ServedReply {

    /**
     * The key of a route's body that answers a declared exception: {@code {"throws": {"ouch": {...}}}} (the throws
     * field's name or the exception's type name, then its fields). {@code throws} is a reserved word of the IDL, so no
     * struct result has such a field.
     */
    String THROWS = "throws";

    void write(TProtocol out, ThriftMethod method, int seqid) throws TException;

    /** The method's result (null for void). */
    record Result(Object value) implements ServedReply {
        @Override
        public void write(TProtocol out, ThriftMethod method, int seqid) throws TException {
            Map<Field, Object> fields = new LinkedHashMap<>();
            if (method.result() != null) {
                fields.put(new Field((short) 0, "success", method.result(), false), value);
            }
            writeResult(out, method, seqid, fields);
        }
    }

    /** A declared exception: its throws field and checked value. */
    record Declared(Field field, Object value) implements ServedReply {
        @Override
        public void write(TProtocol out, ThriftMethod method, int seqid) throws TException {
            Map<Field, Object> fields = new LinkedHashMap<>();
            fields.put(field, value);
            writeResult(out, method, seqid, fields);
        }
    }

    /** A TApplicationException of {@code type} with {@code text}. */
    record Failure(int type, String text) implements ServedReply {
        @Override
        public void write(TProtocol out, ThriftMethod method, int seqid) throws TException {
            writeApplicationException(out, method.name(), seqid, type, text);
        }
    }

    private static void writeResult(TProtocol out, ThriftMethod method, int seqid, Map<Field, Object> fields)
            throws TException {
        out.writeMessageBegin(new TMessage(method.name(), TMessageType.REPLY, seqid));
        ThriftValues.writeStruct(out, new StructType(method.name() + "_result", StructType.Kind.STRUCT), fields);
        out.writeMessageEnd();
        out.getTransport().flush();
    }

    /** The declared exception of {@code type} a failure carried, as the served method declares it. */
    static ServedReply declared(ThriftMethod method, String type, Map<String, Object> fields) {
        return fromBody(method, fields, type);
    }

    static void writeApplicationException(TProtocol out, String name, int seqid, int type, String text)
            throws TException {
        out.writeMessageBegin(new TMessage(name, TMessageType.EXCEPTION, seqid));
        new TApplicationException(type, text).write(out);
        out.writeMessageEnd();
        out.getTransport().flush();
    }

    /**
     * The reply a route's final body stands for: the result of the method's type, or, when {@code exception} names
     * one of its declared exceptions (or the body is a {@link #THROWS} object), that exception with its fields. A
     * String body is JSON text, except for a result of type string, binary or an enum, where it is the value itself
     * unless it is a quoted JSON string.
     */
    static ServedReply fromBody(ThriftMethod method, Object body, String exception) {
        if (exception != null && !exception.isBlank()) {
            Field field = method.exception(exception.strip());
            if (field == null) {
                throw new ThriftValueException("the route names the exception '" + exception + "', which "
                        + method.fullName() + " does not declare" + (method.exceptions().isEmpty() ? "" : " (it"
                                + " declares " + String.join(", ", method.exceptionNames()) + ")"));
            }
            return new Declared(field, ThriftValues.coerce(field.type(), json(body, field.type()),
                    "the exception " + field.type().display()));
        }
        Object object = body;
        if (!method.exceptions().isEmpty() && body instanceof String text && text.strip().startsWith("{")) {
            try {
                object = StrictJson.read(text, Object.class);
            } catch (RuntimeException e) {
                object = body; // not JSON: read below as the result type says
            }
        }
        if (!method.exceptions().isEmpty() && object instanceof Map<?, ?> map && map.size() == 1
                && map.get(THROWS) instanceof Map<?, ?> thrown && thrown.size() == 1) {
            String named = String.valueOf(thrown.keySet().iterator().next());
            return fromBody(method, thrown.get(named), named);
        }
        if (method.result() == null) {
            return new Result(null);
        }
        return new Result(ThriftValues.coerce(method.result(), json(body, method.result()), "the result of "
                + method.fullName()));
    }

    private static Object json(Object body, ThriftType type) {
        if (body instanceof byte[] bytes) {
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        if (body instanceof String text) {
            boolean textual = type == ThriftType.Base.STRING || type == ThriftType.Base.BINARY
                    || type instanceof ThriftType.EnumType;
            if (textual && !text.strip().startsWith("\"")) {
                return text;
            }
            try {
                return text.isBlank() ? Map.of() : StrictJson.read(text, Object.class);
            } catch (RuntimeException e) {
                throw new ThriftValueException("the body is not JSON (" + type.display() + " expected)");
            }
        }
        return body;
    }
}
