package io.unikernal.translate.grpc;

import io.unikernal.translate.rest.GrpcStatusFailure;
import io.grpc.Status;
import io.unikernal.adapter.grpc.GrpcErrorStatus;
import io.unikernal.adapter.grpc.component.GrpcDynamicConstants;
import io.unikernal.adapter.grpc.component.GrpcStatusCarrier;
import io.unikernal.adapter.grpc.component.ProtoMessageException;
import io.unikernal.runtime.RootCause;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udm.UdmHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed translated call as its gRPC status: the translation's own ({@link GrpcStatusFailure}: the REST service's
 * status mapped, a reply that does not fit, a deadline, a refusal before the call) with its description; a request
 * message that does not fit INVALID_ARGUMENT; anything else as the grpc adapter maps a route's failure
 * ({@link GrpcErrorStatus}), described by the correlation id only. Never an exception's text; the failure is logged
 * with its root cause for the operator.
 */
public final class GrpcRestError implements Processor {

    static final String BEAN = "grpc-rest-error";
    private static final Logger LOG = LoggerFactory.getLogger(GrpcRestError.class);

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        Status.Code code;
        String description;
        if (failure instanceof GrpcStatusFailure own) {
            code = own.code();
            description = own.description();
        } else if (failure instanceof ProtoMessageException unfit) {
            code = Status.Code.INVALID_ARGUMENT;
            description = unfit.getMessage();
        } else {
            code = failure instanceof GrpcStatusCarrier carrier ? carrier.code() : GrpcErrorStatus.of(failure);
            description = "the call could not be translated; correlationId=" + correlation;
        }
        String method = exchange.getProperty(GrpcToRest.METHOD_NAME_PROPERTY, String.class);
        LOG.warn("translation {} answered {} to a call of {} (correlation id {}): {}", exchange.getFromRouteId(),
                code, method, correlation, RootCause.message(failure));
        message.getHeaders().clear();
        if (correlation != null) {
            message.setHeader(UdmHeaders.CORRELATION_ID, correlation);
        }
        message.setHeader(GrpcDynamicConstants.STATUS, code.name());
        message.setHeader(GrpcDynamicConstants.STATUS_DESCRIPTION, description);
        message.setBody(null);
        TranslationMetrics.record(exchange, method, code.name());
    }
}
