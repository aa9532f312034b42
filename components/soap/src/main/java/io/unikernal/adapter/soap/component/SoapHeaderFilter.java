package io.unikernal.adapter.soap.component;

import io.unikernal.udm.UdmHeaders;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * The headers that cross between a route and SOAP's HTTP headers. Out (a call's request, a served operation's
 * response): only the UDM envelope ({@code udm*}) and {@code X-Correlation-Id} — never the caller's credentials,
 * cookies or Camel's own headers, whatever the route carries; no header ever becomes a SOAP header. In: every HTTP
 * header except {@code camel*} (which would steer Camel components further down the route) and {@code udm*} (only
 * the kernel sets the envelope).
 */
public final class SoapHeaderFilter implements HeaderFilterStrategy {

    public static final String CORRELATION_ID = "X-Correlation-Id";

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !(UdmHeaders.isKernelOwned(name) || CORRELATION_ID.equalsIgnoreCase(name));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return name.toLowerCase(Locale.ROOT).startsWith("camel") || UdmHeaders.isKernelOwned(name);
    }
}
