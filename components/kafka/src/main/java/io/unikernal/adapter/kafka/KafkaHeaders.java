package io.unikernal.adapter.kafka;

/**
 * The names of the Kafka record headers that carry the UDM envelope: the correlation id as {@code X-Correlation-Id}
 * (as over HTTP), and the kernel's own {@code Udm*} names for the rest ({@code UdmSchema}, {@code UdmSchemaVersion},
 * {@code UdmSource}, {@code UdmCreatedAt}). Values are UTF-8 text.
 */
final class KafkaHeaders {

    static final String CORRELATION_ID = io.unikernal.runtime.JsonBodyNormalizer.CORRELATION_HEADER;
    static final String SCHEMA = io.unikernal.udm.UdmHeaders.SCHEMA;
    static final String SCHEMA_VERSION = io.unikernal.udm.UdmHeaders.SCHEMA_VERSION;
    /** Exchange property holding the record key a target's {@code key} expression computed. */
    static final String KEY_PROPERTY = "UnikernalKafkaKey";

    private KafkaHeaders() {
    }
}
