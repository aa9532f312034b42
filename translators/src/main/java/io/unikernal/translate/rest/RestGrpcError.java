package io.unikernal.translate.rest;

import io.unikernal.adapter.grpc.GrpcErrorStatus;
import io.unikernal.adapter.grpc.component.GrpcStatusCarrier;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.translate.spi.RestErrorAnswer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failed translated call as grpc-gateway answers it: the HTTP status of the gRPC code and
 * {@code {"code": <number>, "message": ..., "details": [...]}}. The called service's status and description are passed
 * on; a request refused before the call (no JSON, a field the message lacks, an unknown method, a bad grpc-timeout)
 * keeps its own HTTP status and words; anything else is 500 INTERNAL naming only the correlation id. Never a Java
 * exception's text; the failure is logged with its root cause for the operator.
 */
public final class RestGrpcError extends RestErrorAnswer {

    static final String BEAN = "rest-grpc-error";

    @Override
    protected String methodProperty() {
        return RestToGrpc.METHOD_PROPERTY;
    }

    @Override
    protected Answer answer(Throwable failure, String correlation) {
        Status status = status(failure, correlation);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status.code.value());
        body.put("message", status.message);
        body.put("details", status.details);
        return new Answer(status.http, status.code.name(), body);
    }

    private record Status(int http, io.grpc.Status.Code code, String message, List<String> details) {
    }

    private static Status status(Throwable failure, String correlation) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GrpcStatusCarrier carrier) {
                int status = t instanceof RestGrpcRefusal refusal ? refusal.status()
                        : GatewayStatus.http(carrier.code());
                String text = carrier.description().isEmpty() ? carrier.code().name() : carrier.description();
                return new Status(status, carrier.code(), text, List.of());
            }
            if (t instanceof MessageRejectedException rejected) {
                return new Status(rejected.status(), GrpcErrorStatus.of(rejected), rejected.getMessage(),
                        rejected.details());
            }
        }
        io.grpc.Status.Code code = GrpcErrorStatus.of(failure);
        return new Status(GatewayStatus.http(code), code, "the call failed" + (correlation == null ? ""
                : " (correlation id " + correlation + ")"), List.of());
    }

}
