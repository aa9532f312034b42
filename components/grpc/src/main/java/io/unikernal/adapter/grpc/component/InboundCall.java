package io.unikernal.adapter.grpc.component;

import com.google.protobuf.DynamicMessage;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.unikernal.runtime.CorrelationIds;
import io.unikernal.runtime.IngressRefusals;
import io.unikernal.runtime.SecretMasker;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udm.UdmHeaders;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of a served method. How calls map to exchanges:
 * <ul>
 * <li>unary: the request is one exchange, its final body the reply;</li>
 * <li>server streaming: the request is one exchange; a list body is streamed element by element, any other body is
 * the one reply;</li>
 * <li>client streaming: the whole stream is one exchange whose body is the list of the messages (at most
 * {@code maxStreamMessages}), once the client has half-closed; the final body is the reply;</li>
 * <li>bidirectional: each message is one exchange, run in arrival order one at a time; its final body is sent as soon
 * as it is ready (a list: element by element), before the next message is taken, so replies interleave with
 * requests; the call ends OK once the client has half-closed and every message is answered.</li>
 * </ul>
 * A message that does not fit the method's input type, a unary call with no or two messages, and a stream over its
 * limit are refused before any route (INVALID_ARGUMENT, RESOURCE_EXHAUSTED) and logged; the server goes on serving.
 * A route failure the route did not handle becomes INTERNAL with the correlation id, never the exception's text. A
 * status the route set ({@link GrpcDynamicConstants#STATUS}) ends the call with it. The call's deadline is the
 * exchange's {@link GrpcDynamicConstants#DEADLINE_PROPERTY}; a call cancelled or past its deadline gets no reply.
 */
final class InboundCall extends ServerCall.Listener<byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(InboundCall.class);

    private final GrpcDynamicConsumer consumer;
    private final ServerCall<byte[], byte[]> call;
    private final Metadata requestHeaders;
    private final ProtoMethod method;
    private final ProtoContract contract;
    private final Deadline deadline;
    private final Context context;
    private final String offeredCorrelation;

    private final List<Object> collected = new ArrayList<>();
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private Object single;
    private int received;
    private boolean busy;
    private boolean halfClosed;
    private boolean closed;
    private boolean headersSent;

    InboundCall(GrpcDynamicConsumer consumer, ServerCall<byte[], byte[]> call, Metadata requestHeaders,
            ProtoMethod method, ProtoContract contract) {
        this.consumer = consumer;
        this.call = call;
        this.requestHeaders = requestHeaders;
        this.method = method;
        this.contract = contract;
        this.context = Context.current();
        this.deadline = context.getDeadline();
        this.offeredCorrelation = requestHeaders.get(Metadata.Key.of(GrpcDynamicConstants.CORRELATION_ID,
                Metadata.ASCII_STRING_MARSHALLER));
    }

    ServerCall.Listener<byte[]> start() {
        // a unary request asks for two messages, so a second one is seen and refused rather than left unread
        call.request(method.clientStreaming() ? 1 : 2);
        return this;
    }

    @Override
    public synchronized void onMessage(byte[] bytes) {
        if (closed) {
            return;
        }
        received++;
        if (!method.clientStreaming() && received > 1) {
            refuse(Status.Code.INVALID_ARGUMENT, method.kind() + " method " + method.fullName()
                    + " takes one request message, the client sent more");
            return;
        }
        if (method.type() == io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING
                && received > consumer.getEndpoint().getMaxStreamMessages()) {
            refuse(Status.Code.RESOURCE_EXHAUSTED, "the stream is longer than "
                    + consumer.getEndpoint().getMaxStreamMessages() + " messages (maxStreamMessages)");
            return;
        }
        Object body;
        try {
            DynamicMessage message = ProtoJson.fromBytes(bytes, method.input());
            body = ProtoJson.toBody(message, contract.types());
        } catch (ProtoMessageException e) {
            refuse(Status.Code.INVALID_ARGUMENT, e.getMessage());
            return;
        }
        switch (method.type()) {
            case UNARY, SERVER_STREAMING -> single = body;
            case CLIENT_STREAMING -> {
                collected.add(body);
                call.request(1);
            }
            default -> {
                pending.add(body);
                drain();
            }
        }
    }

    @Override
    public synchronized void onHalfClose() {
        if (closed) {
            return;
        }
        halfClosed = true;
        switch (method.type()) {
            case UNARY, SERVER_STREAMING -> {
                if (single == null) {
                    refuse(Status.Code.INVALID_ARGUMENT, method.kind() + " method " + method.fullName()
                            + " takes one request message, the client sent none");
                } else {
                    run(single);
                }
            }
            case CLIENT_STREAMING -> run(streamBody(collected));
            default -> {
                if (!busy && pending.isEmpty()) {
                    closeWith(Status.OK, null);
                }
            }
        }
    }

    @Override
    public synchronized void onCancel() {
        if (!closed) {
            closed = true;
            LOG.info("call of {} ended by the caller before the reply ({}); correlationId={}", method.fullName(),
                    deadline != null && deadline.isExpired() ? "its deadline passed" : "cancelled",
                    offeredCorrelation == null ? "-" : offeredCorrelation);
        }
    }

    private void drain() {
        while (!busy && !closed && !pending.isEmpty()) {
            run(pending.poll());
        }
    }

    /** The messages of a client stream as one body: a list of their maps, or the JSON array of their texts. */
    static Object streamBody(List<Object> messages) {
        if (messages.stream().allMatch(Map.class::isInstance)) {
            return new ArrayList<>(messages);
        }
        StringBuilder json = new StringBuilder("[");
        for (Object message : messages) {
            json.append(json.length() > 1 ? "," : "")
                    .append(message instanceof String text ? text : StrictJson.write(message));
        }
        return json.append(']').toString();
    }

    private void run(Object body) {
        busy = true;
        Exchange exchange = consumer.createExchange(false);
        Message message = exchange.getMessage();
        MetadataHeaders.toHeaders(requestHeaders, message, consumer.getEndpoint().getHeaderFilterStrategy(),
                exchange);
        message.setHeader(GrpcDynamicConstants.METHOD, method.fullName());
        message.setBody(body);
        exchange.setProperty(GrpcDynamicConstants.METHOD_PROPERTY, method);
        exchange.setProperty(GrpcDynamicConstants.CONTRACT_PROPERTY, contract);
        if (deadline != null) {
            exchange.setProperty(GrpcDynamicConstants.DEADLINE_PROPERTY, deadline);
        }
        exchange.setProperty(GrpcDynamicConstants.SERVED_CONTEXT_PROPERTY, context);
        try {
            consumer.getAsyncProcessor().process(exchange, doneSync -> finished(exchange));
        } catch (RuntimeException e) {
            exchange.setException(e);
            finished(exchange);
        }
    }

    private synchronized void finished(Exchange exchange) {
        try {
            if (!closed) {
                reply(exchange);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not answer a call of {}: {}", method.fullName(), SecretMasker.mask(e.toString()));
            closeWith(Status.INTERNAL.withDescription("the reply could not be sent"), correlationOf(exchange));
        } finally {
            consumer.releaseExchange(exchange, false);
        }
        busy = false;
        if (method.type() == io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING && !closed) {
            call.request(1);
            drain();
            if (!busy && halfClosed && pending.isEmpty() && !closed) {
                closeWith(Status.OK, null);
            }
        }
    }

    private void reply(Exchange exchange) {
        String correlation = correlationOf(exchange);
        Exception failure = exchange.getException();
        if (failure != null) {
            LOG.warn("the route serving {} failed: {}; correlationId={}", method.fullName(),
                    SecretMasker.mask(String.valueOf(failure)), correlation);
            closeWith(Status.INTERNAL.withDescription("the call could not be processed; correlationId="
                    + correlation), correlation);
            return;
        }
        Message message = exchange.getMessage();
        Status.Code code = code(message.getHeader(GrpcDynamicConstants.STATUS));
        if (code != null && code != Status.Code.OK) {
            String description = message.getHeader(GrpcDynamicConstants.STATUS_DESCRIPTION, String.class);
            closeWith(Status.fromCode(code).withDescription(description), correlation);
            return;
        }
        Object body = message.getBody();
        List<?> replies = method.serverStreaming() && body instanceof List<?> list ? list : java.util.Collections
                .singletonList(body);
        List<byte[]> encoded = new ArrayList<>(replies.size());
        try {
            for (Object reply : replies) {
                encoded.add(ProtoJson.fromBody(reply, method.output(), contract.types()).toByteArray());
            }
        } catch (ProtoMessageException e) {
            LOG.warn("the reply of the route serving {} does not fit its output type: {}; correlationId={}",
                    method.fullName(), e.getMessage(), correlation);
            closeWith(Status.INTERNAL.withDescription("the reply does not fit " + method.output().getFullName()
                    + "; correlationId=" + correlation), correlation);
            return;
        }
        if (!headersSent) {
            Metadata headers = new Metadata();
            if (correlation != null) {
                MetadataHeaders.put(headers, GrpcDynamicConstants.CORRELATION_ID, correlation);
            }
            for (String name : io.unikernal.runtime.ReplyProcessor.declaredHeaders(exchange)) {
                Object value = message.getHeader(name);
                if (value != null) {
                    MetadataHeaders.put(headers, name, String.valueOf(value));
                }
            }
            call.sendHeaders(headers);
            headersSent = true;
        }
        for (byte[] bytes : encoded) {
            call.sendMessage(bytes);
        }
        if (method.type() != io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING) {
            closeWith(Status.OK, null);
        }
    }

    /** Refuses the call before any route: logged and counted, not dead-lettered (no message got in). */
    private void refuse(Status.Code code, String why) {
        String correlation = CorrelationIds.adoptOrDraw(offeredCorrelation);
        LOG.warn("refused a call of {} with {}: {}; correlationId={}", method.fullName(), code, why, correlation);
        IngressRefusals.count(consumer.getEndpoint().getCamelContext(), consumer.getRouteId(),
                code == Status.Code.RESOURCE_EXHAUSTED ? 413 : 400);
        closeWith(Status.fromCode(code).withDescription(why + "; correlationId=" + correlation), correlation);
    }

    private void closeWith(Status status, String correlation) {
        if (closed) {
            return;
        }
        closed = true;
        Metadata trailers = new Metadata();
        if (correlation != null) {
            MetadataHeaders.put(trailers, GrpcDynamicConstants.CORRELATION_ID, correlation);
        }
        call.close(status, trailers);
    }

    private String correlationOf(Exchange exchange) {
        String id = exchange.getMessage().getHeader(UdmHeaders.CORRELATION_ID, String.class);
        return id != null ? id : CorrelationIds.isAcceptable(offeredCorrelation) ? offeredCorrelation : null;
    }

    /** A status code as a route writes it: a name (NOT_FOUND, any case) or its number; null when absent or unknown. */
    static Status.Code code(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Status.Code code) {
            return code;
        }
        String text = String.valueOf(value).strip();
        try {
            return Status.fromCodeValue(Integer.parseInt(text)).getCode();
        } catch (NumberFormatException e) {
            try {
                return Status.Code.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                return Status.Code.UNKNOWN;
            }
        }
    }
}
