package io.unikernal.translate.thrift;

/**
 * A value that does not fit the other side at run time — a number outside the narrower type, an enum value the other
 * enum lacks, a null where a value is needed. Its message is this translation's own words (the path of the value),
 * safe to answer: INVALID_ARGUMENT to a gRPC caller, the method's declared exception or PROTOCOL_ERROR to a Thrift one.
 */
final class MappingRefusal extends RuntimeException {

    MappingRefusal(String message) {
        super(message, null, false, false);
    }
}
