package io.unikernal.adapter.grpc.component;

import io.grpc.Status;
import java.util.List;

/** What a called service's status means for the route: a rejection of the message, or a failure to retry. */
final class GrpcStatusFailures {

    private GrpcStatusFailures() {
    }

    static RuntimeException of(ProtoMethod method, String address, Status status) {
        String why = reason(status);
        // what the service said, without the network's words (which name this side's addresses)
        String said = described(status);
        String text = "gRPC call " + method.fullName() + " at " + address + " failed: " + status.getCode()
                + (why.isEmpty() ? "" : " (" + why + ")");
        return switch (status.getCode()) {
            case INVALID_ARGUMENT, OUT_OF_RANGE, FAILED_PRECONDITION ->
                    new GrpcRejectedException(400, status.getCode(), text, List.of(), said);
            case NOT_FOUND -> new GrpcRejectedException(404, status.getCode(), text, List.of(), said);
            case ALREADY_EXISTS -> new GrpcRejectedException(409, status.getCode(), text, List.of(), said);
            default -> new GrpcCallException(status.getCode(), text, said);
        };
    }

    /**
     * The service's description, without grpc-java's bracketed stream details; for a call that never reached a
     * server ("io exception"), the network's words (connection refused, unknown host).
     */
    static String reason(Status status) {
        String description = described(status);
        Throwable cause = status.getCause();
        if (cause != null && (description.isEmpty() || description.equalsIgnoreCase("io exception"))) {
            for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t.getMessage() != null && !t.getMessage().isBlank()) {
                    description = t instanceof java.net.UnknownHostException ? "unknown host " + t.getMessage()
                            : t.getMessage();
                }
            }
        }
        return description.replaceAll("\\s*\\R\\s*", " ");
    }

    /** The status's description, without grpc-java's bracketed stream details and a final full stop. */
    private static String described(Status status) {
        String description = status.getDescription() == null ? "" : status.getDescription();
        int details = description.indexOf(" [");
        if (details > 0) {
            description = description.substring(0, details);
        }
        description = description.strip();
        return description.endsWith(".") ? description.substring(0, description.length() - 1) : description;
    }
}
