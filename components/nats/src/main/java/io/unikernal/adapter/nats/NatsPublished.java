package io.unikernal.adapter.nats;

import io.nats.client.Connection;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Runs after a publish: the route goes on with the payload it had, not the JSON bytes sent, and without their ids.
 * With a {@code connection} (a core publish that is confirmed), it first waits until the server has the message: a
 * PING sent after it is answered (NATS handles a connection's messages in order). Without that, a message written to
 * a connection whose server has just gone away — before the client noticed — would count as sent and be lost; now
 * the publish fails and the route's retry sends it again once the server is back.
 */
public final class NatsPublished implements Processor {

    private Connection connection;

    /** The system's connection, for confirmed core publishes; none for JetStream, whose stream acknowledges. */
    public void setConnection(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        if (connection != null) {
            connection.RTT();
        }
        Message message = exchange.getMessage();
        message.setBody(exchange.getProperty(NatsMessagePreparer.PAYLOAD));
        exchange.removeProperty(NatsMessagePreparer.PAYLOAD);
        message.removeHeader(NatsHeaderFilter.CORRELATION_ID);
        message.removeHeader(NatsHeaderFilter.MESSAGE_ID);
    }
}
