package io.unikernal.translate.rest;

import io.grpc.Status;
import io.unikernal.adapter.grpc.component.GrpcStatusCarrier;

/**
 * A call a translation answers with a gRPC status in its own words: refused before the call or failed in a way it
 * names (e.g. a reply that does not fit). The description is safe to send: never an exception's text or an internal
 * address. No stack trace: it is an answer, not a defect.
 */
public class GrpcStatusFailure extends RuntimeException implements GrpcStatusCarrier {

    private final Status.Code code;

    public GrpcStatusFailure(Status.Code code, String description) {
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
