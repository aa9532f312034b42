package io.unikernal.adapter.grpc.component;

/**
 * A {@code .proto} file that cannot be used, or a method it does not have: the message says which file and why in
 * words (the parser's own text, such as {@code unable to resolve Money}, with its line and column), never an
 * exception's class name.
 */
public final class ProtoContractException extends RuntimeException {

    public ProtoContractException(String message) {
        super(message);
    }

    /** A parser's or builder's failure in one line: its message, or its kind when it has none. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase();
        }
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
