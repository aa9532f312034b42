package io.unikernal.translate.thrift;

import io.grpc.Status;
import io.unikernal.adapter.grpc.GrpcErrorStatus;
import io.unikernal.adapter.grpc.component.GrpcStatusCarrier;
import io.unikernal.adapter.thrift.component.ServedReply;
import io.unikernal.adapter.thrift.component.ThriftDynamicConstants;
import io.unikernal.adapter.thrift.component.ThriftMethod;
import io.unikernal.adapter.thrift.component.ThriftValueException;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.SecretMasker;
import io.unikernal.translate.rest.GatewayStatus;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udm.UdmHeaders;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.thrift.TApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed call answered to the Thrift caller: first as the gRPC status it is (the service's own, INVALID_ARGUMENT
 * for a value this translation could not map, DEADLINE_EXCEEDED for a call over its deadline, INTERNAL otherwise),
 * then as the method's declared exception that answers that status ({@link StatusNames}), else as a
 * TApplicationException: PROTOCOL_ERROR for arguments that do not fit, INTERNAL_ERROR with the status and its
 * description otherwise. No exception's text reaches the caller.
 */
public final class ThriftCallerError extends PairedStep {

    private static final Logger LOG = LoggerFactory.getLogger(ThriftCallerError.class);

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String correlation = exchange.getMessage().getHeader(UdmHeaders.CORRELATION_ID, String.class);
        Status.Code code;
        String text;
        boolean arguments = false;
        GrpcStatusCarrier carrier = cause(failure, GrpcStatusCarrier.class);
        if (failure instanceof MappingRefusal || failure instanceof MessageRejectedException && carrier == null) {
            code = Status.Code.INVALID_ARGUMENT;
            text = failure.getMessage();
            arguments = true;
        } else if (carrier != null) {
            code = carrier.code();
            text = carrier.description() == null || carrier.description().isBlank() ? null : carrier.description();
            if ("io exception".equalsIgnoreCase(text)) {
                text = "the gRPC service cannot be reached"; // grpc-java's words for a connection that failed
            }
        } else {
            code = GrpcErrorStatus.of(failure);
            text = failure instanceof ReplyMismatch ? failure.getMessage() : null;
            LOG.warn("the Thrift to gRPC translation failed: {}; correlationId={}",
                    SecretMasker.mask(String.valueOf(failure)), correlation);
        }
        ThriftMethod method = exchange.getProperty(ThriftDynamicConstants.METHOD_PROPERTY, ThriftMethod.class);
        exchange.setProperty(ThriftDynamicConstants.REPLY_PROPERTY, reply(method, code, text, arguments, correlation));
        TranslationMetrics.record(exchange, method.fullName(), GatewayStatus.http(code));
    }

    private static ServedReply reply(ThriftMethod method, Status.Code code, String text, boolean arguments,
            String correlation) {
        Map.Entry<String, Map<String, Object>> declared = StatusNames.declared(method, code, text);
        if (declared != null) {
            try {
                return ServedReply.fromBody(method, declared.getValue(), declared.getKey());
            } catch (ThriftValueException e) {
                // the exception's other fields need values this answer does not have: a TApplicationException
            }
        }
        String said = text == null ? "" : ": " + text;
        return arguments
                ? new ServedReply.Failure(TApplicationException.PROTOCOL_ERROR, "the arguments do not fit "
                        + method.fullName() + said)
                : new ServedReply.Failure(TApplicationException.INTERNAL_ERROR, "gRPC status " + code.name() + said
                        + "; correlationId=" + correlation);
    }

    static <T> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
