package io.unikernal.adapter.redis;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The pooled connection of a redis system (Jedis): the bean system.<name>. Its properties are set from the
 * UDL options, placeholders already resolved by Camel (a password never reaches the compiled files); {@link #start()}
 * opens the pool and {@link #close()} closes it (the bean's init and destroy methods). {@code close} may be called
 * twice.
 */
public class RedisConnection implements AutoCloseable {

    private String host = "127.0.0.1";
    private int port = 6379;
    private int database;
    private String user;
    private String password;
    private volatile UnifiedJedis client;

    public void setHost(String host) {
        this.host = host;
    }

    public void setPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("redis port " + port + " is outside 1..65535");
        }
        this.port = port;
    }

    public void setDatabase(int database) {
        if (database < 0) {
            throw new IllegalArgumentException("redis database " + database + " is negative");
        }
        this.database = database;
    }

    public void setUser(String user) {
        this.user = blankToNull(user);
    }

    public void setPassword(String password) {
        this.password = blankToNull(password);
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public int getDatabase() {
        return database;
    }

    public String getUser() {
        return user;
    }

    /** Opens the pool; idempotent. */
    public synchronized void start() {
        if (client != null) {
            return;
        }
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().database(database)
                .clientName("unikernal");
        if (password != null) {
            config.user(user).password(password);
        }
        client = RedisClient.builder().hostAndPort(host, port).clientConfig(config.build()).build();
    }

    /** The open client; starts the pool on first use so a repository works whatever order beans start in. */
    public UnifiedJedis client() {
        UnifiedJedis current = client;
        if (current == null) {
            start();
            current = client;
        }
        return current;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public String toString() {
        // never the password
        return "redis://" + host + ":" + port + "/" + database;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
