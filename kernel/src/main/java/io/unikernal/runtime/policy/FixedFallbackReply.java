package io.unikernal.runtime.policy;

import io.unikernal.runtime.StrictJson;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fallback that answers for a failed (or breaker-refused) target with a fixed body, written in UDL as
 * {@code fallback: {reply: ...}}. Every use is logged with the reason, so a degraded answer is never silent.
 */
public final class FixedFallbackReply implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FixedFallbackReply.class);

    private String route;
    private Object reply;

    public void setRoute(String route) {
        this.route = route;
    }

    /** The reply as JSON. */
    public void setSpec(String json) {
        this.reply = StrictJson.read(json, Object.class);
    }

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.warn("route {}: a target failed or its breaker is open ({}); answering with the fallback reply", route,
                cause == null ? "breaker open" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        exchange.getMessage().setBody(StrictJson.read(StrictJson.write(reply), Object.class));
    }
}
