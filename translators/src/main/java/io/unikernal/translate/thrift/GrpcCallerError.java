package io.unikernal.translate.thrift;

import io.grpc.Status;
import io.unikernal.adapter.grpc.GrpcErrorStatus;
import io.unikernal.adapter.grpc.component.GrpcDynamicConstants;
import io.unikernal.adapter.thrift.component.ThriftCallException;
import io.unikernal.adapter.thrift.component.ThriftExceptionCarrier;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.SecretMasker;
import io.unikernal.runtime.StrictJson;
import io.unikernal.translate.rest.GatewayStatus;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udm.UdmHeaders;
import java.net.SocketTimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed call answered to the gRPC caller as a status (set on the message, which the grpc adapter's server sends):
 * <ul>
 * <li>a declared exception of the Thrift service: the status it names ({@link StatusNames}; UNKNOWN when it names
 * none), described as {@code Type {fields as JSON}};</li>
 * <li>a value this translation could not map, or arguments the Thrift service refused (PROTOCOL_ERROR and the
 * like): INVALID_ARGUMENT with the reason;</li>
 * <li>a Thrift service that cannot be reached: UNAVAILABLE; no reply in time: DEADLINE_EXCEEDED; its
 * INTERNAL_ERROR or anything else: INTERNAL with the correlation id.</li>
 * </ul>
 * The address of the Thrift service and an exception's text never reach the caller.
 */
public final class GrpcCallerError extends PairedStep {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcCallerError.class);
    private static final int MAX_DESCRIPTION = 1024;

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        ThriftExceptionCarrier declared = ThriftCallerError.cause(failure, ThriftExceptionCarrier.class);
        Status.Code code;
        String description;
        if (declared != null && declared.exceptionType() != null) {
            code = StatusNames.ofException(declared.exceptionType(), declared.exceptionFields());
            description = declared.exceptionType() + " " + StrictJson.write(declared.exceptionFields());
        } else if (failure instanceof MappingRefusal) {
            code = Status.Code.INVALID_ARGUMENT;
            description = failure.getMessage();
        } else if (failure instanceof MessageRejectedException) {
            code = Status.Code.INVALID_ARGUMENT;
            description = serviceWords(failure.getMessage());
        } else if (failure instanceof ThriftCallException && failure.getCause() != null) {
            boolean late = ThriftCallerError.cause(failure, SocketTimeoutException.class) != null;
            code = late ? Status.Code.DEADLINE_EXCEEDED : Status.Code.UNAVAILABLE;
            description = (late ? "the Thrift service did not answer in time" : "the Thrift service cannot be"
                    + " reached") + "; correlationId=" + correlation;
        } else {
            code = failure instanceof ThriftCallException ? Status.Code.INTERNAL : GrpcErrorStatus.of(failure);
            description = (failure instanceof ReplyMismatch ? failure.getMessage()
                    : "the call could not be processed") + "; correlationId=" + correlation;
            LOG.warn("the gRPC to Thrift translation failed: {}; correlationId={}",
                    SecretMasker.mask(String.valueOf(failure)), correlation);
        }
        message.setHeader(GrpcDynamicConstants.STATUS, code.name());
        message.setHeader(GrpcDynamicConstants.STATUS_DESCRIPTION, description.length() > MAX_DESCRIPTION
                ? description.substring(0, MAX_DESCRIPTION) + "..." : description);
        TranslationMetrics.record(exchange, pair().proto().fullName(), GatewayStatus.http(code));
    }

    /** The thrift adapter's words after "failed: ", without the address it names before them. */
    private static String serviceWords(String text) {
        int at = text == null ? -1 : text.indexOf(" failed: ");
        return at < 0 ? String.valueOf(text) : text.substring(at + " failed: ".length());
    }
}
