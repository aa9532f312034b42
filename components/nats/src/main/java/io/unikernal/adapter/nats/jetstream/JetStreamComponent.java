package io.unikernal.adapter.nats.jetstream;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code nats-jetstream:STREAM?durable=NAME&connection=#bean}: consumes a JetStream stream through a durable pull
 * consumer and acknowledges each message only after the route finished it (see {@link JetStreamConsumer}).
 * camel-nats 4.14's JetStream consumer cannot: jnats acknowledges its messages as soon as its handler returns, which
 * it does whether or not the route succeeded; it (re)creates the stream with its own configuration (error 10058 on a
 * stream made otherwise), and its consumer's ack wait and delivery limit cannot be set. Publishing stays camel-nats'
 * ({@code nats:SUBJECT?jetstreamEnabled=true}).
 */
@org.apache.camel.spi.annotations.Component("nats-jetstream")
public class JetStreamComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        JetStreamEndpoint endpoint = new JetStreamEndpoint(uri, this);
        endpoint.setStream(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
