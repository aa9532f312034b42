package io.unikernal.translate.rest;

import io.grpc.Status;

/**
 * gRPC status codes as HTTP statuses, as grpc-gateway maps them ({@code runtime.HTTPStatusFromCode}), so a REST
 * client of a translation sees what it would see behind grpc-gateway or Envoy's transcoder.
 */
public final class GatewayStatus {

    private GatewayStatus() {
    }

    public static int http(Status.Code code) {
        return switch (code) {
            case OK -> 200;
            case CANCELLED -> 499;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case DEADLINE_EXCEEDED -> 504;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case PERMISSION_DENIED -> 403;
            case UNAUTHENTICATED -> 401;
            case RESOURCE_EXHAUSTED -> 429;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            default -> 500; // UNKNOWN, INTERNAL, DATA_LOSS
        };
    }
}
