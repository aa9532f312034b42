package io.unikernal.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Gives every exchange of a route its UDM envelope as it begins — source, correlation id, creation time, and the
 * message as received for dead-letter records — without a processor node in the route. For sources whose bodies
 * are already payloads (direct, seda, timer) that is all normalisation needs, and a route node costs far more than
 * the work itself (an error-handler channel and advices per node). These sources are in-process hand-overs, so the
 * envelope the sending route set (correlation id, time, caller) is kept. It never throws.
 */
public final class UdmEnvelopePolicy extends RoutePolicySupport {

    private String source;

    public void setSource(String source) {
        this.source = source;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        JsonBodyNormalizer.completeEnvelope(exchange, source);
        Object body = exchange.getMessage().getBody();
        if (body != null && exchange.getProperty(JsonBodyParser.RAW_PAYLOAD) == null) {
            exchange.setProperty(JsonBodyParser.RAW_PAYLOAD, body);
        }
    }
}
