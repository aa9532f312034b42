package io.unikernal.adapter.grpc.component;

import io.grpc.Status;

/**
 * A call whose service answered with a status the route may retry (UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, ...):
 * the route's retry policy and dead letter apply. The message names the method, the address, the code and the
 * service's description.
 */
public final class GrpcCallException extends RuntimeException implements GrpcStatusCarrier {

    private final Status.Code code;

    private final String description;

    public GrpcCallException(Status.Code code, String message) {
        this(code, message, "");
    }

    public GrpcCallException(Status.Code code, String message, String description) {
        super(message);
        this.code = code;
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Status.Code code() {
        return code;
    }
}
