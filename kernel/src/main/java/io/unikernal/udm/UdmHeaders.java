package io.unikernal.udm;

/**
 * Camel exchange header names that carry the UDM envelope inside a route. The exchange body is the UDM payload
 * itself (a Map, List, ...); only the envelope metadata travels in these headers.
 */
public final class UdmHeaders {
    /** Source system name (String). */
    public static final String SOURCE = "UdmSource";
    /** Schema name (String), absent when the message has no schema. */
    public static final String SCHEMA = "UdmSchema";
    /** Schema version (Integer), absent or 0 when none. */
    public static final String SCHEMA_VERSION = "UdmSchemaVersion";
    /** Correlation id (String). */
    public static final String CORRELATION_ID = "UdmCorrelationId";
    /** Creation time as ISO-8601 text (String), so it survives any protocol hop. */
    public static final String CREATED_AT = "UdmCreatedAt";

    private UdmHeaders() {
    }

    /** True for the envelope headers above (which are not user headers of the message). */
    public static boolean isEnvelopeHeader(String name) {
        return SOURCE.equals(name) || SCHEMA.equals(name) || SCHEMA_VERSION.equals(name)
                || CORRELATION_ID.equals(name) || CREATED_AT.equals(name);
    }
}
