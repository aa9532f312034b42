package io.unikernal.runtime.idempotency;

import io.unikernal.udm.UdmHeaders;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs before each target call: gives the call an idempotency key, so the target can de-duplicate a call the route
 * retried after a timeout (the target may have finished the attempt the client gave up on). The key is a name-based
 * UUID of the message's correlation id and the call site: the same on every redelivery of the message, different for
 * another message and for another target call of the same route. It is kept in the exchange property
 * {@value #PROPERTY}, which no caller can set; protocol adapters send it on (http-client: {@code Idempotency-Key}).
 */
public final class OutboundIdempotencyKey implements Processor {

    /** Exchange property holding the key of the target call about to be made. */
    public static final String PROPERTY = "UnikernalIdempotencyKey";

    private String call;

    /** The call site, unique in the app ({@code app/route-…-target}). */
    public void setCall(String call) {
        this.call = call;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(PROPERTY, keyOf(messageId(exchange), call));
    }

    static String keyOf(String messageId, String call) {
        return UUID.nameUUIDFromBytes((messageId + "\n" + call).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The correlation id; a message without one is still the same exchange on each redelivery. */
    private static String messageId(Exchange exchange) {
        String id = exchange.getMessage().getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (id == null) {
            id = exchange.getProperty(UdmHeaders.CORRELATION_ID, String.class);
        }
        return id != null ? id : exchange.getExchangeId();
    }

    /** The key of the call being made, or null outside a target call. */
    public static String of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, String.class);
    }
}
