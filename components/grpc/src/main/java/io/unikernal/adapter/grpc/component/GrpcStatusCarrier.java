package io.unikernal.adapter.grpc.component;

import io.grpc.Status;

/** A failure that came as a gRPC status from the called service: its code, for retries and for the reply. */
public interface GrpcStatusCarrier {

    Status.Code code();

    /** The service's own description of the status (empty when it gave none), without this side's words. */
    default String description() {
        return "";
    }
}
