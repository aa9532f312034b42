package io.unikernal.adapter.redis.streams;

import io.unikernal.adapter.redis.RedisConnection;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code redis-streams:<stream>}: Redis Streams as a Camel endpoint over Jedis. The consumer reads in a consumer
 * group ({@code XREADGROUP}), acknowledges an entry ({@code XACK}) only once the route has finished it, and takes over
 * the pending entries of a consumer that died ({@code XAUTOCLAIM} after {@code reclaimIdle}); the producer appends
 * ({@code XADD}, optionally trimmed to an approximate {@code maxLength}).
 */
@Component("redis-streams")
public class RedisStreamsComponent extends DefaultComponent {

    @Metadata(description = "The pooled Redis connection endpoints use unless they name their own.", autowired = true)
    private RedisConnection connection;

    public RedisStreamsComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("a redis-streams endpoint names its stream: redis-streams:<stream>");
        }
        RedisStreamsEndpoint endpoint = new RedisStreamsEndpoint(uri, this);
        endpoint.setStream(remaining);
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
