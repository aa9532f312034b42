package io.unikernal.adapter.grpc.component;

/**
 * A message that does not fit its {@code .proto} type: malformed bytes, a field the type does not have, JSON of
 * another shape. The text names the type and what did not fit; a server answers it with INVALID_ARGUMENT.
 */
public final class ProtoMessageException extends RuntimeException {

    public ProtoMessageException(String message) {
        super(message);
    }
}
