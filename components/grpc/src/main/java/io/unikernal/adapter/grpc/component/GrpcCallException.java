package io.unikernal.adapter.grpc.component;

import io.grpc.Status;

/**
 * A call whose service answered with a status the route may retry (UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, ...):
 * the route's retry policy and dead letter apply. The message names the method, the address, the code and the
 * service's description.
 */
public final class GrpcCallException extends RuntimeException implements GrpcStatusCarrier {

    private final Status.Code code;

    public GrpcCallException(Status.Code code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public Status.Code code() {
        return code;
    }
}
