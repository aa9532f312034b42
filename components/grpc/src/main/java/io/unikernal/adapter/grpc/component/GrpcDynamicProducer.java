package io.unikernal.adapter.grpc.component;

import com.google.protobuf.DynamicMessage;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Calls the endpoint's method (for {@code grpc-dynamic:*}, the one the exchange property
 * {@link GrpcDynamicConstants#CALL_METHOD_PROPERTY} holds), without blocking the route's thread. The body is the request as JSON (a String, or a
 * parsed JSON value); for a client-streaming or bidirectional method a list is sent element by element. The reply
 * becomes the body as JSON text: one message, or for a server-streaming or bidirectional method the list of every
 * message the server sent (at most {@code maxStreamMessages}). Headers the filter lets out travel as metadata; the
 * reply's metadata come back as headers.
 *
 * <p>The call's deadline is the endpoint's {@code timeout}, shortened to the deadline of the call the exchange serves
 * ({@link GrpcDynamicConstants#DEADLINE_PROPERTY}) when there is one: a call made past it fails at once. A status
 * other than OK fails the exchange: {@link GrpcRejectedException} (not retried) when the message was at fault,
 * {@link GrpcCallException} otherwise. A body that does not fit the input type fails it with a
 * {@link MessageRejectedException} before anything is sent.
 */
public class GrpcDynamicProducer extends DefaultAsyncProducer {

    private final GrpcDynamicEndpoint endpoint;
    private ManagedChannel channel;

    public GrpcDynamicProducer(GrpcDynamicEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        channel = endpoint.getComponent().channels().acquire(endpoint.channelSettings());
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.getComponent().channels().release(endpoint.channelSettings());
        channel = null;
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        ProtoMethod method = endpoint.servesEveryMethod()
                ? exchange.getProperty(GrpcDynamicConstants.CALL_METHOD_PROPERTY, ProtoMethod.class)
                : endpoint.protoMethod();
        if (method == null) {
            exchange.setException(new IllegalStateException("grpc-dynamic:" + GrpcDynamicEndpoint.EVERY_METHOD
                    + " calls the method the exchange property " + GrpcDynamicConstants.CALL_METHOD_PROPERTY
                    + " names, and it names none"));
            callback.done(true);
            return true;
        }
        List<byte[]> requests;
        try {
            requests = requests(exchange.getMessage().getBody(), method);
        } catch (ProtoMessageException e) {
            exchange.setException(new MessageRejectedException(e.getMessage() + " for gRPC method "
                    + method.fullName(), List.of()));
            callback.done(true);
            return true;
        }
        CallOptions options = endpoint.isRepliesOnTransport()
                ? CallOptions.DEFAULT.withExecutor(MoreExecutors.directExecutor()) : CallOptions.DEFAULT;
        Deadline deadline = deadline(exchange);
        if (deadline != null) {
            if (deadline.isExpired()) {
                exchange.setException(new GrpcCallException(Status.Code.DEADLINE_EXCEEDED, "gRPC call "
                        + method.fullName() + " at " + endpoint.getAddress() + " not made: the deadline of the call"
                        + " being served has passed"));
                callback.done(true);
                return true;
            }
            options = options.withDeadline(deadline);
        }
        Metadata metadata = MetadataHeaders.fromHeaders(exchange.getMessage().getHeaders(),
                endpoint.getHeaderFilterStrategy(), exchange);
        ClientCall<byte[], byte[]> call = channel.newCall(method.grpc(), options);
        call.start(new Replies(exchange, callback, method, call), metadata);
        call.request(method.serverStreaming() ? 1 : 2);
        for (byte[] request : requests) {
            call.sendMessage(request);
        }
        call.halfClose();
        return false;
    }

    /** The endpoint's timeout, or the served call's deadline when that comes first. */
    private Deadline deadline(Exchange exchange) {
        Deadline own = endpoint.getTimeout() > 0 ? Deadline.after(endpoint.getTimeout(), TimeUnit.MILLISECONDS) : null;
        Deadline served = exchange.getProperty(GrpcDynamicConstants.DEADLINE_PROPERTY, Deadline.class);
        if (served == null) {
            return own;
        }
        return own == null ? served : own.minimum(served);
    }

    private List<byte[]> requests(Object body, ProtoMethod method) {
        List<?> values;
        if (method.clientStreaming()) {
            Object parsed = body instanceof String text && text.strip().startsWith("[")
                    ? StrictJson.read(text, List.class) : body;
            values = parsed instanceof List<?> list ? list : List.of(parsed == null ? "{}" : parsed);
        } else {
            values = java.util.Collections.singletonList(body);
        }
        List<byte[]> encoded = new ArrayList<>(values.size());
        for (Object value : values) {
            DynamicMessage message = ProtoJson.fromBody(value, method.input(), endpoint.contract().types());
            encoded.add(message.toByteArray());
        }
        return encoded;
    }

    private final class Replies extends ClientCall.Listener<byte[]> {
        private final Exchange exchange;
        private final AsyncCallback callback;
        private final ProtoMethod method;
        private final ClientCall<byte[], byte[]> call;
        private final List<Object> replies = new ArrayList<>();
        private Metadata headers;
        private RuntimeException broken;

        Replies(Exchange exchange, AsyncCallback callback, ProtoMethod method, ClientCall<byte[], byte[]> call) {
            this.exchange = exchange;
            this.callback = callback;
            this.method = method;
            this.call = call;
        }

        @Override
        public void onHeaders(Metadata headers) {
            this.headers = headers;
        }

        @Override
        public void onMessage(byte[] bytes) {
            if (broken != null) {
                return;
            }
            try {
                if (replies.size() >= endpoint.getMaxStreamMessages()) {
                    throw new GrpcCallException(Status.Code.RESOURCE_EXHAUSTED, "gRPC call " + method.fullName()
                            + " at " + endpoint.getAddress() + " sent more than " + endpoint.getMaxStreamMessages()
                            + " replies (maxStreamMessages)");
                }
                replies.add(ProtoJson.toBody(ProtoJson.fromBytesLenient(bytes, method.output()),
                        endpoint.contract().types()));
                if (method.serverStreaming()) {
                    call.request(1);
                }
            } catch (RuntimeException e) {
                broken = e;
                call.cancel("the reply could not be read", null);
            }
        }

        /**
         * A call made on the served call's thread is bound to its context, which ends with the served call: when the
         * caller cancelled it, or its deadline passed. The remote's CANCELLED then means that, in the caller's terms:
         * DEADLINE_EXCEEDED once the served deadline has passed, else CANCELLED by the served call's caller (the
         * caller's RST_STREAM at its own deadline may arrive a moment before the server's timer fires).
         */
        private Status servedCallEnded(Status status) {
            io.grpc.Context served = exchange.getProperty(GrpcDynamicConstants.SERVED_CONTEXT_PROPERTY,
                    io.grpc.Context.class);
            if (status.getCode() != Status.Code.CANCELLED || served == null || !served.isCancelled()) {
                return status;
            }
            Deadline deadline = exchange.getProperty(GrpcDynamicConstants.DEADLINE_PROPERTY, Deadline.class);
            return deadline != null && deadline.isExpired()
                    ? Status.DEADLINE_EXCEEDED.withDescription("the deadline of the call being served passed")
                    : Status.CANCELLED.withDescription("the call being served was cancelled by its caller"
                            + (deadline != null ? " (at its deadline or before it)" : ""));
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            try {
                if (broken != null) {
                    exchange.setException(broken);
                } else if (!status.isOk()) {
                    status = servedCallEnded(status);
                    if (status.getCode() == Status.Code.UNAVAILABLE && channel != null) {
                        // the route's retry paces the attempts: the next one should connect at once, not after
                        // grpc-java's own back-off (which grows to two minutes while a server is down)
                        channel.resetConnectBackoff();
                    }
                    exchange.setException(GrpcStatusFailures.of(method, endpoint.getAddress(), status));
                } else if (!method.serverStreaming() && replies.size() != 1) {
                    exchange.setException(new GrpcCallException(Status.Code.INTERNAL, "gRPC call "
                            + method.fullName() + " at " + endpoint.getAddress() + " ended with " + replies.size()
                            + " replies instead of one"));
                } else {
                    Message message = exchange.getMessage();
                    MetadataHeaders.toHeaders(headers, message, endpoint.getHeaderFilterStrategy(), exchange);
                    MetadataHeaders.toHeaders(trailers, message, endpoint.getHeaderFilterStrategy(), exchange);
                    message.setBody(method.serverStreaming() ? InboundCall.streamBody(replies) : replies.get(0));
                }
            } catch (RuntimeException e) {
                exchange.setException(e);
            } finally {
                callback.done(false);
            }
        }
    }
}
