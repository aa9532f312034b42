package io.unikernal.adapter.redis.pubsub;

import io.unikernal.spi.component.LoopConsumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Subscribes on a thread of its own and hands each message to the route in the order it arrives. When the connection
 * is lost (the server stopped) it subscribes again after a doubling wait; what was published meanwhile is not
 * delivered — Redis keeps nothing for a subscriber that is away.
 */
public class RedisPubSubConsumer extends LoopConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(RedisPubSubConsumer.class);

    private final RedisPubSubEndpoint endpoint;
    private volatile Subscription subscription;
    private volatile boolean subscribed;

    public RedisPubSubConsumer(RedisPubSubEndpoint endpoint, Processor processor) {
        super(endpoint, processor, "RedisPubSubConsumer[" + endpoint.getChannel() + "]", endpoint.getReconnectDelay(),
                endpoint.getReconnectDelayMax());
        this.endpoint = endpoint;
    }

    /** True while the subscription is active (between the server's confirmation and the connection's loss). */
    public boolean isSubscribed() {
        return subscribed;
    }

    @Override
    protected long stopWithin() {
        return 10_000;
    }

    /** The subscribing thread is blocked reading the subscription: unsubscribing ends it. */
    @Override
    protected void stopping() {
        unsubscribe();
    }

    private void unsubscribe() {
        Subscription current = subscription;
        if (current != null && current.isSubscribed()) {
            try {
                if (endpoint.isPattern()) {
                    current.punsubscribe();
                } else {
                    current.unsubscribe();
                }
            } catch (JedisException | IllegalStateException e) {
                LOG.debug("redis channel {}: unsubscribing failed ({})", endpoint.getChannel(), e.getMessage());
            }
        }
    }

    @Override
    protected void consume() {
        int failures = 0;
        while (running()) {
            Subscription current = new Subscription();
            subscription = current;
            try {
                if (endpoint.isPattern()) {
                    endpoint.getConnection().client().psubscribe(current, endpoint.getChannel());
                } else {
                    endpoint.getConnection().client().subscribe(current, endpoint.getChannel());
                }
                // returns when unsubscribed: stopping
                failures = current.confirmed ? 0 : failures;
            } catch (JedisException e) {
                if (current.confirmed) {
                    failures = 0;
                }
                if (running() && failures++ == 0) {
                    LOG.warn("redis channel {}: subscription lost ({}); subscribing again, messages published"
                            + " meanwhile are not received", endpoint.getChannel(), e.getMessage());
                }
            } finally {
                subscribed = false;
            }
            if (running()) {
                pause(delay(Math.max(1, failures)));
            }
        }
    }

    private void deliver(String channel, String pattern, String message) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(message);
            exchange.getIn().setHeader(RedisPubSubConstants.CHANNEL, channel);
            if (pattern != null) {
                exchange.getIn().setHeader(RedisPubSubConstants.PATTERN, pattern);
            }
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("redis channel " + channel + ": message failed", exchange,
                        exchange.getException());
            }
            releaseExchange(exchange, false);
        }
    }

    /** One subscription's callbacks, on the subscribing thread. */
    private final class Subscription extends JedisPubSub {
        private volatile boolean confirmed;

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            confirmed();
        }

        @Override
        public void onPSubscribe(String pattern, int subscribedChannels) {
            confirmed();
        }

        private void confirmed() {
            if (!running()) {
                if (endpoint.isPattern()) {
                    punsubscribe();
                } else {
                    unsubscribe();
                }
                return;
            }
            confirmed = true;
            subscribed = true;
            LOG.debug("redis channel {}: subscribed", endpoint.getChannel());
        }

        @Override
        public void onMessage(String channel, String message) {
            deliver(channel, null, message);
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            deliver(channel, pattern, message);
        }
    }
}
