package io.unikernal.adapter.grpc;

import io.grpc.Status;
import io.unikernal.adapter.grpc.component.GrpcStatusCarrier;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.OpenBreakerRefusal;
import io.unikernal.runtime.policy.PolicyRejectedException;
import java.util.concurrent.TimeoutException;

/**
 * The gRPC status a caller gets when the route serving its call failed:
 * <ul>
 * <li>a called gRPC service's status is passed on (UNAVAILABLE stays UNAVAILABLE, so the caller may retry), except
 * UNAUTHENTICATED and PERMISSION_DENIED, which are this app's credentials at that service, not the caller's: INTERNAL;</li>
 * <li>the message at fault (4xx): 400/415/422 INVALID_ARGUMENT, 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 404
 * NOT_FOUND, 409 ALREADY_EXISTS (a copy still in flight: ABORTED), 413 and 429 RESOURCE_EXHAUSTED, other 4xx
 * FAILED_PRECONDITION;</li>
 * <li>a call over the route's timeout DEADLINE_EXCEEDED, an open circuit breaker UNAVAILABLE;</li>
 * <li>anything else INTERNAL.</li>
 * </ul>
 */
public final class GrpcErrorStatus {

    private GrpcErrorStatus() {
    }

    public static Status.Code of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GrpcStatusCarrier carrier) {
                return switch (carrier.code()) {
                    case UNAUTHENTICATED, PERMISSION_DENIED, OK -> Status.Code.INTERNAL;
                    default -> carrier.code();
                };
            }
        }
        if (failure instanceof MessageRejectedException rejected) {
            return switch (rejected.status()) {
                case 400, 415, 422 -> Status.Code.INVALID_ARGUMENT;
                case 401 -> Status.Code.UNAUTHENTICATED;
                case 403 -> Status.Code.PERMISSION_DENIED;
                case 404 -> Status.Code.NOT_FOUND;
                case 409 -> rejected instanceof PolicyRejectedException ? Status.Code.ABORTED
                        : Status.Code.ALREADY_EXISTS;
                case 413, 429 -> Status.Code.RESOURCE_EXHAUSTED;
                default -> Status.Code.FAILED_PRECONDITION;
            };
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException) {
                return Status.Code.DEADLINE_EXCEEDED;
            }
            if (t instanceof OpenBreakerRefusal) {
                return Status.Code.UNAVAILABLE;
            }
        }
        return Status.Code.INTERNAL;
    }
}
