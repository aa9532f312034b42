package io.unikernal.runtime;

import io.unikernal.udm.UdmHeaders;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Headers a target publishes as its protocol's own headers on purpose, per exchange. Targets strip every header of
 * the exchange (a caller's credentials, Camel's own) and publish only the UDM envelope; a component that forwards
 * headers by design (a Kafka <-> RabbitMQ bridge, with the allow-list its file names) puts the few it forwards in the
 * exchange property {@value #PROPERTY} as a {@code Map<String, String>}, and the kafka and rabbitmq targets add them
 * as record headers and AMQP headers. {@value #CONTENT_TYPE} in the map is the message's content type (the AMQP
 * {@code content_type} property, a Kafka {@code content-type} record header). A name the kernel or the protocol
 * owns ({@link #isReserved}) is never published from the map, whoever put it there.
 */
public final class CarriedHeaders {

    /** The exchange property holding the map; only processors set exchange properties, never a sender. */
    public static final String PROPERTY = "UnikernalCarriedHeaders";
    /** The map's entry for the content type. */
    public static final String CONTENT_TYPE = "content-type";

    private CarriedHeaders() {
    }

    /** The headers to publish with this exchange (empty when none). */
    @SuppressWarnings("unchecked")
    public static Map<String, String> of(Exchange exchange) {
        Object carried = exchange.getProperty(PROPERTY);
        return carried instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }

    /**
     * True for names only the kernel or the protocol set: the UDM envelope ({@code Udm*}), the correlation id,
     * Camel's and its components' own ({@code Camel*}, {@code kafka.*}) and the content type, which travels in its
     * own property.
     */
    public static boolean isReserved(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return UdmHeaders.isKernelOwned(name) || lower.equals(JsonBodyNormalizer.CORRELATION_HEADER.toLowerCase(
                Locale.ROOT)) || lower.startsWith("camel") || lower.startsWith("org.apache.camel")
                || lower.startsWith("kafka.") || lower.equals(CONTENT_TYPE);
    }
}
