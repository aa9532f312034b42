package io.unikernal.translate.rest;

import io.unikernal.adapter.grpc.GrpcHeaderFilter;
import io.unikernal.adapter.grpc.component.GrpcDynamicConstants;
import io.unikernal.udm.UdmHeaders;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * The metadata of a translated call. Out: the UDM envelope, {@code x-correlation-id} and what the caller sent as
 * {@code Grpc-Metadata-<key>} headers (grpc-gateway's convention), as {@code <key>} — never its other HTTP headers,
 * so credentials and cookies reach the service only when the caller says so. In (the reply's metadata): as the gRPC
 * adapter lets them in (no {@code camel*}, no {@code udm*}).
 */
public final class RestGrpcHeaderFilter implements HeaderFilterStrategy {

    static final String BEAN = "rest-grpc-header-filter";
    /** Exchange property: the lower-case metadata keys the caller asked to forward. */
    static final String FORWARDED_PROPERTY = "UnikernalTranslateForwardedMetadata";
    static final String PREFIX = "grpc-metadata-";

    private final GrpcHeaderFilter replies = new GrpcHeaderFilter();

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !(UdmHeaders.isKernelOwned(name) || GrpcDynamicConstants.CORRELATION_ID.equalsIgnoreCase(name)
                || forwarded(exchange).contains(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return replies.applyFilterToExternalHeaders(name, value, exchange);
    }

    @SuppressWarnings("unchecked")
    static Set<String> forwarded(Exchange exchange) {
        Set<String> keys = exchange.getProperty(FORWARDED_PROPERTY, Set.class);
        return keys == null ? Set.of() : keys;
    }
}
