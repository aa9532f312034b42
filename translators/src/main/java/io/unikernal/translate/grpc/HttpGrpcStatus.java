package io.unikernal.translate.grpc;

import io.unikernal.translate.rest.GrpcStatusFailure;
import io.grpc.Status;
import io.unikernal.runtime.StrictJson;
import java.util.Map;

/**
 * An HTTP error status of the REST service as the gRPC status its caller gets: the inverse of grpc-gateway's
 * {@code HTTPStatusFromCode} where that table is one-to-one, so a status survives REST to gRPC to REST:
 * <ul>
 * <li>400 INVALID_ARGUMENT, 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 404 NOT_FOUND, 409 ABORTED (grpc-gateway maps
 * ALREADY_EXISTS and ABORTED to 409; ABORTED says "try again at a higher level", which is what a conflict means to a
 * caller that cannot see the REST resource), 429 RESOURCE_EXHAUSTED, 499 CANCELLED, 501 UNIMPLEMENTED, 503
 * UNAVAILABLE, 504 DEADLINE_EXCEEDED;</li>
 * <li>other 4xx FAILED_PRECONDITION (the request was understood and refused in the service's current state); 500
 * INTERNAL; 502 UNAVAILABLE (a gateway behind the service failed: retryable, as gRPC's own HTTP mapping says);
 * other 5xx, and 1xx/3xx (redirects are not followed), UNKNOWN;</li>
 * <li>a {@code {code, message}} body of grpc-gateway's shape whose code the table maps to this very HTTP status is
 * taken as the code (so FAILED_PRECONDITION answered 400 by a gateway stays FAILED_PRECONDITION).</li>
 * </ul>
 * The description is the body's {@code message} (or the kernel's {@code error}), else "the REST service answered
 * STATUS"; control characters are dropped and it is cut at 512 characters.
 */
final class HttpGrpcStatus {

    private static final int MAX_DESCRIPTION = 512;

    private HttpGrpcStatus() {
    }

    static Status.Code of(int status) {
        return switch (status) {
            case 400 -> Status.Code.INVALID_ARGUMENT;
            case 401 -> Status.Code.UNAUTHENTICATED;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404 -> Status.Code.NOT_FOUND;
            case 409 -> Status.Code.ABORTED;
            case 429 -> Status.Code.RESOURCE_EXHAUSTED;
            case 499 -> Status.Code.CANCELLED;
            case 500 -> Status.Code.INTERNAL;
            case 501 -> Status.Code.UNIMPLEMENTED;
            case 502, 503 -> Status.Code.UNAVAILABLE;
            case 504 -> Status.Code.DEADLINE_EXCEEDED;
            default -> status >= 400 && status < 500 ? Status.Code.FAILED_PRECONDITION : Status.Code.UNKNOWN;
        };
    }

    /** The gRPC failure for an error answer of the REST service, its body read for a code and a message. */
    static GrpcStatusFailure failure(int status, byte[] body) {
        Map<?, ?> error = errorBody(body);
        Status.Code code = of(status);
        if (error != null && error.get("code") instanceof Number number) {
            Status.Code declared = Status.fromCodeValue(number.intValue()).getCode();
            if (number.intValue() > 0 && number.intValue() <= 16 && io.unikernal.translate.rest.GatewayStatus
                    .http(declared) == status) {
                code = declared;
            }
        }
        Object message = error == null ? null : error.get("message") instanceof String m ? m : error.get("error");
        String description = message instanceof String text && !text.isBlank() ? text
                : "the REST service answered " + status;
        return new GrpcStatusFailure(code, clean(description));
    }

    private static Map<?, ?> errorBody(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return StrictJson.read(new String(body, java.nio.charset.StandardCharsets.UTF_8), Map.class);
        } catch (RuntimeException notJson) {
            return null; // an HTML error page or text: the status alone speaks
        }
    }

    private static String clean(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", " ").strip();
        return printable.length() <= MAX_DESCRIPTION ? printable : printable.substring(0, MAX_DESCRIPTION) + "...";
    }
}
