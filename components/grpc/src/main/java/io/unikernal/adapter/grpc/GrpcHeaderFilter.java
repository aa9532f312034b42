package io.unikernal.adapter.grpc;

import io.unikernal.adapter.grpc.component.GrpcDynamicConstants;
import io.unikernal.udm.UdmHeaders;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * The headers that cross between a route and gRPC metadata. Out (a call's request metadata): only the UDM envelope
 * ({@code udm*}) and {@code x-correlation-id} — never the caller's credentials, cookies or Camel's own headers,
 * whatever the route carries. In (a served call's request metadata, a called service's reply metadata): every ASCII
 * entry except {@code camel*} (which would steer Camel components further down the route) and {@code udm*} (only the
 * kernel sets the envelope).
 */
public final class GrpcHeaderFilter implements HeaderFilterStrategy {

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !(UdmHeaders.isKernelOwned(name) || GrpcDynamicConstants.CORRELATION_ID.equalsIgnoreCase(name));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("camel") || UdmHeaders.isKernelOwned(name);
    }
}
