package io.unikernal.translate.rest;

import io.grpc.Status;

/**
 * A request the translation refuses before any call (an unknown method, a streaming kind REST cannot carry, a bad
 * grpc-timeout): its HTTP status and the gRPC code of the error body. Nothing is sent to the service. Not a
 * {@code MessageRejectedException}: that is a 4xx only, and a method REST cannot carry is 501.
 */
final class RestGrpcRefusal extends GrpcStatusFailure {

    private final int status;

    RestGrpcRefusal(int status, Status.Code code, String message) {
        super(code, message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
