package io.unikernal.adapter.thrift.component;

/** A {@code .thrift} file that cannot be used: its path, and where it can be told, the line and column. */
public final class ThriftIdlException extends RuntimeException {

    public ThriftIdlException(String message) {
        super(message);
    }
}
