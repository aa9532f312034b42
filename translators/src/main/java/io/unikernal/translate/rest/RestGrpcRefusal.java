package io.unikernal.translate.rest;

import io.grpc.Status;
import io.unikernal.adapter.grpc.component.GrpcStatusCarrier;

/**
 * A request the translation refuses before any call (an unknown method, a streaming kind REST cannot carry, a bad
 * grpc-timeout): its HTTP status and the gRPC code of the error body. Nothing is sent to the service. Not a
 * {@code MessageRejectedException}: that is a 4xx only, and a method REST cannot carry is 501.
 */
final class RestGrpcRefusal extends RuntimeException implements GrpcStatusCarrier {

    private final int status;
    private final Status.Code code;

    RestGrpcRefusal(int status, Status.Code code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    @Override
    public Status.Code code() {
        return code;
    }

    @Override
    public String description() {
        return getMessage();
    }
}
