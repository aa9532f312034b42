package io.unikernal.adapter.redis.pubsub;

import io.unikernal.adapter.redis.RedisConnection;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code redis-pubsub:<channel>}: Redis publish/subscribe over Jedis. Not durable: a message published while no
 * consumer is subscribed (stopped, reconnecting after the server restarted) reaches nobody, which the producer can turn
 * into a failure ({@code requireSubscriber}).
 */
@Component("redis-pubsub")
public class RedisPubSubComponent extends DefaultComponent {

    @Metadata(description = "The pooled Redis connection endpoints use unless they name their own.", autowired = true)
    private RedisConnection connection;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("a redis-pubsub endpoint names its channel: redis-pubsub:<channel>");
        }
        RedisPubSubEndpoint endpoint = new RedisPubSubEndpoint(uri, this);
        endpoint.setChannel(remaining);
        endpoint.setConnection(connection);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public RedisConnection getConnection() {
        return connection;
    }

    /** The pooled Redis connection endpoints use unless they name their own. */
    public void setConnection(RedisConnection connection) {
        this.connection = connection;
    }
}
