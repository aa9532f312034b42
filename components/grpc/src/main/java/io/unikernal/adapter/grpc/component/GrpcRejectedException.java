package io.unikernal.adapter.grpc.component;

import io.grpc.Status;
import io.unikernal.runtime.MessageRejectedException;
import java.util.List;

/**
 * A call the service refused because of the message (INVALID_ARGUMENT, OUT_OF_RANGE, FAILED_PRECONDITION, NOT_FOUND,
 * ALREADY_EXISTS): the same message fails the same way, so the route does not retry it; it goes to the dead letter
 * and a waiting caller gets the 4xx (or gRPC status) that says so.
 */
public final class GrpcRejectedException extends MessageRejectedException implements GrpcStatusCarrier {

    private final Status.Code code;

    private final String description;

    public GrpcRejectedException(int status, Status.Code code, String message, List<String> details) {
        this(status, code, message, details, "");
    }

    public GrpcRejectedException(int status, Status.Code code, String message, List<String> details,
            String description) {
        super(status, message, details);
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
