package io.unikernal.adapter.thrift.component;

import io.unikernal.adapter.thrift.component.ThriftType.Field;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.StrictJson;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TTransportException;

/**
 * Calls the endpoint's method: the body (a JSON object of the arguments, by name; text or parsed) is checked against
 * the IDL and written; the reply's result becomes the body as JSON text ({@code {}} for void and oneway). Calls go over
 * a few kept connections, one call at a time each; a connection that failed in any way is closed, never reused.
 * <ul>
 * <li>a body that does not fit the arguments: {@link MessageRejectedException} (400), nothing sent;</li>
 * <li>a declared exception: {@link ThriftRejectedException} (422, the service's answer, not retried), or
 * {@link ThriftCallException} when its type is listed in {@code retryOn};</li>
 * <li>TApplicationException UNKNOWN_METHOD, WRONG_METHOD_NAME, INVALID_MESSAGE_TYPE, PROTOCOL_ERROR, INVALID_PROTOCOL,
 * INVALID_TRANSFORM, UNSUPPORTED_CLIENT_TYPE: rejected (400: the IDLs disagree, retrying cannot help); the others
 * (INTERNAL_ERROR, UNKNOWN, MISSING_RESULT, BAD_SEQUENCE_ID), a connection refused or closed, a timeout or a
 * malformed reply: {@link ThriftCallException}, retried by the route's policy.</li>
 * </ul>
 */
public class ThriftDynamicProducer extends DefaultProducer {

    private static final int MAX_IDLE = 8;

    private final ThriftDynamicEndpoint endpoint;
    private final ArrayDeque<ThriftConnection> idle = new ArrayDeque<>();
    private ThriftProtocols protocols;
    private Set<String> retryable;

    public ThriftDynamicProducer(ThriftDynamicEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        protocols = endpoint.protocols();
        retryable = endpoint.retryableOn();
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (idle) {
            idle.forEach(ThriftConnection::close);
            idle.clear();
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ThriftMethod method = endpoint.thriftMethod();
        Map<Field, Object> arguments = arguments(exchange.getMessage().getBody(), method);
        ThriftConnection connection = take(method);
        boolean reusable = false;
        try {
            Object result = call(connection, method, arguments);
            reusable = true;
            exchange.getMessage().setBody(method.result() == null ? "{}" : StrictJson.write(result));
        } catch (ThriftRejectedException | ThriftCallException answered) {
            reusable = answered.getCause() == null; // an answer read whole leaves the connection usable
            throw answered;
        } catch (TTransportException e) {
            throw new ThriftCallException(what(method) + (e.getCause() instanceof SocketTimeoutException
                    ? "no reply within " + endpoint.getTimeout() + " ms" : "the connection failed ("
                            + reason(e) + ")"), e);
        } catch (TException e) {
            throw new ThriftCallException(what(method) + "the reply could not be read (" + reason(e) + ")", e);
        } finally {
            if (reusable) {
                give(connection);
            } else {
                connection.close();
            }
        }
    }

    private Map<Field, Object> arguments(Object body, ThriftMethod method) {
        try {
            if (method.arguments().fields().isEmpty()) {
                return Map.of(); // a method without arguments takes whatever the message is
            }
            Object json = body instanceof String text ? (text.isBlank() ? Map.of() : StrictJson.read(text,
                    Object.class)) : body instanceof byte[] bytes ? StrictJson.read(new String(bytes,
                            java.nio.charset.StandardCharsets.UTF_8), Object.class) : body;
            @SuppressWarnings("unchecked")
            Map<Field, Object> checked = (Map<Field, Object>) ThriftValues.coerce(method.arguments(),
                    json == null ? Map.of() : json, "arguments");
            return checked;
        } catch (ThriftValueException e) {
            throw new MessageRejectedException(e.getMessage() + " for Thrift method " + method.fullName(),
                    List.of());
        } catch (RuntimeException e) {
            throw new MessageRejectedException("the body is not a JSON object of the arguments of Thrift method "
                    + method.fullName(), List.of());
        }
    }

    private Object call(ThriftConnection connection, ThriftMethod method, Map<Field, Object> arguments)
            throws TException {
        int seqid = connection.nextSeqid();
        TProtocol protocol = connection.protocol();
        protocol.writeMessageBegin(new TMessage(method.name(), method.oneway() ? TMessageType.ONEWAY
                : TMessageType.CALL, seqid));
        ThriftValues.writeStruct(protocol, method.arguments(), arguments);
        protocol.writeMessageEnd();
        protocol.getTransport().flush();
        if (method.oneway()) {
            return null;
        }
        TMessage reply = protocol.readMessageBegin();
        connection.frames().beginMessage();
        if (reply.type == TMessageType.EXCEPTION) {
            TApplicationException failure = TApplicationException.readFrom(protocol);
            protocol.readMessageEnd();
            connection.frames().endMessage();
            throw applicationFailure(method, failure);
        }
        if (reply.type != TMessageType.REPLY || reply.seqid != seqid || !method.name().equals(reply.name)) {
            throw new TException("the server answered " + reply.name + " #" + reply.seqid + " (type " + reply.type
                    + ") to " + method.name() + " #" + seqid);
        }
        Map<String, Object> result = ThriftValues.readStruct(protocol, method.resultType());
        protocol.readMessageEnd();
        connection.frames().endMessage();
        if (result.containsKey("success")) {
            return result.get("success");
        }
        for (Field thrown : method.exceptions()) {
            if (result.get(thrown.name()) instanceof Map<?, ?> fields) {
                throw declared(method, thrown, fields);
            }
        }
        if (method.result() == null) {
            return null;
        }
        throw new ThriftCallException(what(method) + "the reply holds no result (MISSING_RESULT)", null);
    }

    @SuppressWarnings("unchecked")
    private RuntimeException declared(ThriftMethod method, Field thrown, Map<?, ?> fields) {
        String type = thrown.type().display();
        String text = what(method) + "the service answered " + type + " " + StrictJson.write(fields);
        Map<String, Object> values = (Map<String, Object>) fields;
        return retryable.contains(type) ? new ThriftCallException(text, type, values, null)
                : new ThriftRejectedException(422, text, type, values);
    }

    private RuntimeException applicationFailure(ThriftMethod method, TApplicationException failure) {
        String text = what(method) + "the service answered " + typeName(failure.getType())
                + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")");
        return switch (failure.getType()) {
            case TApplicationException.UNKNOWN_METHOD, TApplicationException.WRONG_METHOD_NAME,
                    TApplicationException.INVALID_MESSAGE_TYPE, TApplicationException.PROTOCOL_ERROR,
                    TApplicationException.INVALID_PROTOCOL, TApplicationException.INVALID_TRANSFORM,
                    TApplicationException.UNSUPPORTED_CLIENT_TYPE -> new ThriftRejectedException(400, text, null,
                            null);
            default -> new ThriftCallException(text, null);
        };
    }

    static String typeName(int type) {
        return switch (type) {
            case TApplicationException.UNKNOWN_METHOD -> "UNKNOWN_METHOD";
            case TApplicationException.INVALID_MESSAGE_TYPE -> "INVALID_MESSAGE_TYPE";
            case TApplicationException.WRONG_METHOD_NAME -> "WRONG_METHOD_NAME";
            case TApplicationException.BAD_SEQUENCE_ID -> "BAD_SEQUENCE_ID";
            case TApplicationException.MISSING_RESULT -> "MISSING_RESULT";
            case TApplicationException.INTERNAL_ERROR -> "INTERNAL_ERROR";
            case TApplicationException.PROTOCOL_ERROR -> "PROTOCOL_ERROR";
            case TApplicationException.INVALID_TRANSFORM -> "INVALID_TRANSFORM";
            case TApplicationException.INVALID_PROTOCOL -> "INVALID_PROTOCOL";
            case TApplicationException.UNSUPPORTED_CLIENT_TYPE -> "UNSUPPORTED_CLIENT_TYPE";
            default -> "UNKNOWN";
        };
    }

    private String what(ThriftMethod method) {
        return "Thrift call " + method.fullName() + " at " + endpoint.getAddress() + " failed: ";
    }

    private static String reason(Exception e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String text = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    private ThriftConnection take(ThriftMethod method) {
        synchronized (idle) {
            ThriftConnection kept = idle.poll();
            if (kept != null) {
                return kept;
            }
        }
        try {
            return ThriftConnection.open(endpoint.getAddress(), protocols, endpoint.getTimeout());
        } catch (TTransportException e) {
            throw new ThriftCallException(what(method) + "cannot connect (" + reason(e) + ")", e);
        }
    }

    private void give(ThriftConnection connection) {
        synchronized (idle) {
            if (idle.size() < MAX_IDLE && isRunAllowed()) {
                idle.push(connection);
                return;
            }
        }
        connection.close();
    }
}
