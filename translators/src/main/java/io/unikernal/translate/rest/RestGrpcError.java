package io.unikernal.translate.rest;

import io.grpc.Status;
import io.unikernal.adapter.grpc.GrpcErrorStatus;
import io.unikernal.adapter.grpc.component.GrpcStatusCarrier;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.RootCause;
import io.unikernal.runtime.StrictJson;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udm.UdmHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed translated call as grpc-gateway answers it: the HTTP status of the gRPC code and
 * {@code {"code": <number>, "message": ..., "details": [...]}}. The called service's status and description are passed
 * on; a request refused before the call (no JSON, a field the message lacks, an unknown method, a bad grpc-timeout)
 * keeps its own HTTP status and words; anything else is 500 INTERNAL naming only the correlation id. Never a Java
 * exception's text; the failure is logged with its root cause for the operator.
 */
public final class RestGrpcError implements Processor {

    static final String BEAN = "rest-grpc-error";
    private static final Logger LOG = LoggerFactory.getLogger(RestGrpcError.class);

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        Answer answer = answer(failure, correlation);
        LOG.warn("translation {} answered {} {} (correlation id {}): {}", exchange.getFromRouteId(), answer.status,
                answer.code, correlation, RootCause.message(failure));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", answer.code.value());
        body.put("message", answer.message);
        body.put("details", answer.details);
        message.getHeaders().clear();
        envelope(message, answer.status, correlation, "application/json");
        message.setBody(StrictJson.write(body));
        TranslationMetrics.record(exchange, exchange.getProperty(RestToGrpc.METHOD_PROPERTY, String.class),
                answer.status);
    }

    private record Answer(int status, Status.Code code, String message, List<String> details) {
    }

    private static Answer answer(Throwable failure, String correlation) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GrpcStatusCarrier carrier) {
                int status = t instanceof RestGrpcRefusal refusal ? refusal.status()
                        : GatewayStatus.http(carrier.code());
                String text = carrier.description().isEmpty() ? carrier.code().name() : carrier.description();
                return new Answer(status, carrier.code(), text, List.of());
            }
            if (t instanceof MessageRejectedException rejected) {
                return new Answer(rejected.status(), GrpcErrorStatus.of(rejected), rejected.getMessage(),
                        rejected.details());
            }
        }
        Status.Code code = GrpcErrorStatus.of(failure);
        return new Answer(GatewayStatus.http(code), code, "the call failed" + (correlation == null ? ""
                : " (correlation id " + correlation + ")"), List.of());
    }

    /** Status, content type and correlation id of a translation's response. */
    static void envelope(Message message, int status, String correlation, String contentType) {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        if (correlation != null) {
            message.setHeader("X-Correlation-Id", correlation);
        }
    }
}
