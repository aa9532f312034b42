package io.unikernal.adapter.redis.pubsub;

import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code PUBLISH} of the body (as text) on the channel; the number of subscribers that received it is set as
 * {@link RedisPubSubConstants#RECEIVERS}. With {@code requireSubscriber} a message nobody received is a failure.
 */
public class RedisPubSubProducer extends DefaultProducer {

    private final RedisPubSubEndpoint endpoint;

    public RedisPubSubProducer(RedisPubSubEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        String text = body == null ? "" : body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : exchange.getMessage().getBody(String.class);
        long receivers = endpoint.getConnection().client().publish(endpoint.getChannel(), text);
        exchange.getMessage().setHeader(RedisPubSubConstants.RECEIVERS, receivers);
        if (receivers == 0 && endpoint.isRequireSubscriber()) {
            throw new NoSubscriberException(endpoint.getChannel());
        }
    }

    /** A message published while nobody was subscribed to the channel. */
    public static final class NoSubscriberException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSubscriberException(String channel) {
            super("no subscriber received the message on redis channel " + channel);
        }
    }
}
