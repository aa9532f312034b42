package io.unikernal.adapter.thrift.component;

import java.util.Map;

/**
 * A call that failed in a way the route may retry: the connection (refused, closed, timed out), the service's
 * INTERNAL_ERROR or another TApplicationException of its own, or a declared exception listed as retryable. The message
 * names the method, the address and the cause.
 */
public final class ThriftCallException extends RuntimeException implements ThriftExceptionCarrier {

    private final String exceptionType;
    private final Map<String, Object> fields;

    public ThriftCallException(String message, Throwable cause) {
        this(message, null, null, cause);
    }

    public ThriftCallException(String message, String exceptionType, Map<String, Object> fields, Throwable cause) {
        super(message, cause);
        this.exceptionType = exceptionType;
        this.fields = fields == null ? Map.of() : fields;
    }

    @Override
    public String exceptionType() {
        return exceptionType;
    }

    @Override
    public Map<String, Object> exceptionFields() {
        return fields;
    }
}
