package io.unikernal.adapter.nats;

import io.unikernal.adapter.nats.jetstream.JetStreamConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Runs first on a message from a stream: one published without {@code X-Correlation-Id} gets the correlation id
 * {@code STREAM-SEQUENCE}, so each delivery of it — after a restart, or a redelivery — has the same id (in logs, the
 * dead-letter record and the idempotency keys of the route's calls), and no two messages share one.
 */
public final class JetStreamCorrelation implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        if (message.getHeader(NatsHeaderFilter.CORRELATION_ID) == null) {
            Object stream = message.getHeader(JetStreamConstants.STREAM);
            Object sequence = message.getHeader(JetStreamConstants.STREAM_SEQUENCE);
            if (stream != null && sequence != null) {
                message.setHeader(NatsHeaderFilter.CORRELATION_ID, stream + "-" + sequence);
            }
        }
    }
}
