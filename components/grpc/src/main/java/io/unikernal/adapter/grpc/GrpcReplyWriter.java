package io.unikernal.adapter.grpc;

import com.google.protobuf.DynamicMessage;
import io.grpc.Status;
import io.unikernal.adapter.grpc.component.GrpcDynamicConstants;
import io.unikernal.adapter.grpc.component.ProtoContract;
import io.unikernal.adapter.grpc.component.ProtoJson;
import io.unikernal.adapter.grpc.component.ProtoMessageException;
import io.unikernal.adapter.grpc.component.ProtoMethod;
import io.unikernal.runtime.ErrorReplyProcessor;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns the route's final message into the answer of the gRPC call it serves. After a failure (the kernel's error
 * reply is the body: {@code error}, {@code details}, {@code correlationId}) it sets the status
 * ({@link GrpcErrorStatus}) and its description — the reply's words, never an exception's text. Otherwise it makes
 * the reply message of the method's output type from the body, in the route: a body that does not fit fails the route
 * like any step (dead letter, and the caller gets INTERNAL), instead of failing after the route where nothing would
 * record it. A server-streaming method's list body becomes one message per element.
 */
public final class GrpcReplyWriter implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure != null) {
            Status.Code code = GrpcErrorStatus.of(failure);
            message.setHeader(GrpcDynamicConstants.STATUS, code.name());
            message.setHeader(GrpcDynamicConstants.STATUS_DESCRIPTION, ErrorReplyProcessor.describe(message.getBody()));
            return;
        }
        ProtoMethod method = exchange.getProperty(GrpcDynamicConstants.METHOD_PROPERTY, ProtoMethod.class);
        ProtoContract contract = exchange.getProperty(GrpcDynamicConstants.CONTRACT_PROPERTY, ProtoContract.class);
        if (method == null || contract == null) {
            throw new IllegalStateException("the grpc reply writer runs in a route served by grpc-dynamic only");
        }
        Object body = message.getBody();
        try {
            if (method.serverStreaming() && body instanceof List<?> list) {
                List<DynamicMessage> replies = new ArrayList<>(list.size());
                for (Object element : list) {
                    replies.add(ProtoJson.fromBody(element, method.output(), contract.types()));
                }
                message.setBody(replies);
            } else {
                message.setBody(ProtoJson.fromBody(body, method.output(), contract.types()));
            }
        } catch (ProtoMessageException e) {
            throw new IllegalStateException("the route's reply " + e.getMessage().replaceFirst("^the message ", "")
                    + "; make the route's final body a " + method.output().getFullName() + " (its reply:)");
        }
    }
}
