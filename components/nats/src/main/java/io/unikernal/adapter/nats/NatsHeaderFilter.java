package io.unikernal.adapter.nats;

import io.unikernal.udm.UdmHeaders;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * The headers that cross between a route and NATS. Out (a publish, a request, a reply): only the UDM envelope
 * ({@code Udm*}), {@code X-Correlation-Id} and JetStream's {@code Nats-Msg-Id} — never the caller's credentials,
 * cookies or Camel's own headers, whatever the route carries. In: every header of the NATS message except those
 * named {@code Camel*} in any case, which would steer Camel components further down the route (the kernel then drops
 * {@code Udm*} headers too: only it sets the envelope).
 */
public final class NatsHeaderFilter implements HeaderFilterStrategy {

    /** Carries the UDM correlation id in a NATS message, as HTTP does. */
    public static final String CORRELATION_ID = "X-Correlation-Id";
    /** JetStream de-duplicates messages that carry the same id within the stream's duplicate window. */
    public static final String MESSAGE_ID = "Nats-Msg-Id";

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !(UdmHeaders.isKernelOwned(name) || CORRELATION_ID.equalsIgnoreCase(name) || MESSAGE_ID.equals(name));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return name.toLowerCase(Locale.ROOT).startsWith("camel");
    }
}
