package io.unikernal.translate.grpc;

import io.grpc.Status;
import io.unikernal.adapter.grpc.component.GrpcStatusCarrier;

/**
 * A gRPC call the translation answers with a status of its own words: refused before the HTTP call (a streaming
 * method, a field a path or query cannot carry, a deadline already past) or failed by it (the REST service's error
 * status, a reply that does not fit the output type, no answer in time). The description is safe to send: it never
 * holds an exception's text or the REST service's address.
 */
final class GrpcRestFailure extends RuntimeException implements GrpcStatusCarrier {

    private final Status.Code code;

    GrpcRestFailure(Status.Code code, String description) {
        super(description, null, false, false);
        this.code = code;
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
