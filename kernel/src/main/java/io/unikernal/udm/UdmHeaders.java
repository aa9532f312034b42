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
    /** The authenticated caller's id (String), set by the route's auth policy only. */
    public static final String CALLER = "UdmCaller";
    /**
     * Every header whose name starts with this (in any case) belongs to the kernel: a message arriving from outside
     * loses such headers before any step sees it, so a caller cannot pose as another caller, schema or time.
     */
    public static final String KERNEL_PREFIX = "Udm";

    private UdmHeaders() {
    }

    /** True for a header only the kernel may set ({@value #KERNEL_PREFIX}*, case-insensitively). */
    public static boolean isKernelOwned(String name) {
        return name != null && name.regionMatches(true, 0, KERNEL_PREFIX, 0, KERNEL_PREFIX.length());
    }

    /** True for the envelope headers above (which are not user headers of the message). */
    public static boolean isEnvelopeHeader(String name) {
        return SOURCE.equals(name) || SCHEMA.equals(name) || SCHEMA_VERSION.equals(name)
                || CORRELATION_ID.equals(name) || CREATED_AT.equals(name);
    }
}
