package io.unikernal.adapter.thrift.component;

/** A value that does not fit its IDL type: the path of the field at fault and why, in a user's words. */
public final class ThriftValueException extends RuntimeException {

    public ThriftValueException(String message) {
        super(message);
    }
}
