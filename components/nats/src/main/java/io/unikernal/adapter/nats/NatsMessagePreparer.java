package io.unikernal.adapter.nats;

import io.unikernal.runtime.StrictJson;
import io.unikernal.udm.UdmHeaders;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Runs before a publish or a request: the body becomes JSON bytes (the payload is kept aside for
 * {@link NatsPublished}), the correlation id goes out as {@code X-Correlation-Id} with the other {@code Udm*}
 * headers ({@link NatsHeaderFilter} keeps everything else in), and for JetStream the call gets a {@code Nats-Msg-Id}:
 * drawn once per message and call site and the same on each retry of it, so the stream stores a message the route
 * retried after a lost acknowledgement once. It is random rather than derived from the correlation id, which senders
 * may share between different messages: the stream would drop those as duplicates.
 */
public final class NatsMessagePreparer implements Processor {

    /** Exchange property holding the payload while the body is the JSON bytes sent. */
    public static final String PAYLOAD = "UnikernalNatsPayload";

    private String callSite;

    /** Set for JetStream publishes: the call site's name, which keeps its message id in the exchange. */
    public void setCallSite(String callSite) {
        this.callSite = callSite;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        exchange.setProperty(PAYLOAD, body);
        message.setBody(json(body));
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (correlation != null) {
            message.setHeader(NatsHeaderFilter.CORRELATION_ID, correlation);
        }
        if (callSite != null) {
            String property = "UnikernalNatsMsgId." + callSite;
            String id = exchange.getProperty(property, String.class);
            if (id == null) {
                id = UUID.randomUUID().toString();
                exchange.setProperty(property, id);
            }
            message.setHeader(NatsHeaderFilter.MESSAGE_ID, id);
        }
    }

    /** A payload as the bytes of its JSON text; text and bytes as they are. */
    static byte[] json(Object body) {
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        String text = body instanceof String s ? s : StrictJson.write(body);
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
