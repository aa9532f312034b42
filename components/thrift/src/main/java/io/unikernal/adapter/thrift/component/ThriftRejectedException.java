package io.unikernal.adapter.thrift.component;

import io.unikernal.runtime.MessageRejectedException;
import java.util.List;
import java.util.Map;

/**
 * A call the service answered with one of the method's declared exceptions (not listed as retryable), or refused as
 * not fitting its IDL (UNKNOWN_METHOD, PROTOCOL_ERROR and the like): the same message gets the same answer, so the
 * route does not retry it; it goes to the dead letter and a waiting caller gets a 4xx (422 for a declared exception,
 * 400 otherwise).
 */
public final class ThriftRejectedException extends MessageRejectedException implements ThriftExceptionCarrier {

    private final String exceptionType;
    private final Map<String, Object> fields;

    public ThriftRejectedException(int status, String message, String exceptionType, Map<String, Object> fields) {
        super(status, message, List.of());
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
