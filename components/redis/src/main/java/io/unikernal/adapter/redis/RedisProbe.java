package io.unikernal.adapter.redis;

import io.unikernal.runtime.health.AbstractSystemProbe;
import io.unikernal.runtime.health.ProbeResult;
import redis.clients.jedis.exceptions.JedisException;

/** The probe of a redis system: a PING through the system's pool (which authenticates and selects the database). */
public class RedisProbe extends AbstractSystemProbe {

    private RedisConnection connection;

    public void setConnection(RedisConnection connection) {
        this.connection = connection;
    }

    @Override
    public ProbeResult check() {
        try {
            connection.client().ping();
            return ProbeResult.up();
        } catch (JedisException e) {
            return RedisFailures.classify(e);
        }
    }
}
