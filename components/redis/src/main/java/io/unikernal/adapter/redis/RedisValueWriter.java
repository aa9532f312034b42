package io.unikernal.adapter.redis;

import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udl.notation.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import redis.clients.jedis.params.SetParams;

/**
 * The call of a redis target: writes the message under one key. {@code string}: {@code SET key <body as JSON>};
 * {@code hash}: {@code HSET key} with one hash field per top-level field of the body (text as it is, anything else as
 * JSON), merged into what the hash holds. With a time to live the key expires after it ({@code SET ... PX}, or
 * {@code HSET} and {@code PEXPIRE} in one script, so a hash is never left without its expiry). The key is
 * {@code keyPrefix} plus the value the use's {@code key} expression computed (the exchange property
 * {@value #KEY_PROPERTY}) or the body's {@code keyField}; a message without a key, or a hash write of a body that is
 * no object, is rejected (the message is at fault: dead-lettered without retries).
 */
public class RedisValueWriter implements Processor {

    /** The exchange property the use's {@code key} expression sets just before the call. */
    public static final String KEY_PROPERTY = "UnikernalRedisKey";

    private static final String HSET_WITH_EXPIRY = "redis.call('HSET', KEYS[1], unpack(ARGV, 2)) "
            + "redis.call('PEXPIRE', KEYS[1], ARGV[1]) return 1";

    private RedisConnection connection;
    private String type = "string";
    private String keyField;
    private String keyPrefix = "";
    private Duration ttl;

    public void setConnection(RedisConnection connection) {
        this.connection = connection;
    }

    /** {@code string} (SET) or {@code hash} (HSET). */
    public void setType(String type) {
        if (!"string".equals(type) && !"hash".equals(type)) {
            throw new IllegalArgumentException("a redis write is of type string or hash, not " + type);
        }
        this.type = type;
    }

    /** The body's field whose value is the key (instead of a key expression). */
    public void setKeyField(String keyField) {
        this.keyField = keyField == null || keyField.isBlank() ? null : keyField;
    }

    /** Text put before every key. */
    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    /** The key's time to live as a UDL duration ({@code 10m}, {@code 7d}); blank: for ever. */
    public void setTtl(String ttl) {
        if (ttl == null || ttl.isBlank()) {
            this.ttl = null;
            return;
        }
        Duration parsed = Durations.parse(ttl);
        if (parsed == null || parsed.isZero() || parsed.isNegative()) {
            throw new IllegalArgumentException("ttl '" + ttl + "' is not a positive duration such as 10m or 7d");
        }
        this.ttl = parsed;
    }

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        String key = keyPrefix + key(exchange, body);
        if ("hash".equals(type)) {
            writeHash(key, body);
        } else {
            String value = body instanceof String text ? text : StrictJson.write(body);
            SetParams params = ttl == null ? SetParams.setParams() : SetParams.setParams().px(ttl.toMillis());
            connection.client().set(key, value, params);
        }
    }

    private String key(Exchange exchange, Object body) {
        Object value;
        String from;
        if (keyField != null) {
            value = body instanceof Map<?, ?> map ? map.get(keyField) : null;
            from = "field '" + keyField + "'";
        } else {
            // taken, so a later redis call of the route computes its own
            value = exchange.removeProperty(KEY_PROPERTY);
            from = "key expression";
        }
        String text = value == null ? null : value instanceof String s ? s : StrictJson.write(value);
        if (text == null || text.isEmpty()) {
            throw new MessageRejectedException("the message has no redis key", List.of("its " + from
                    + " gives " + (value == null ? "no value" : "an empty text")));
        }
        return text;
    }

    private void writeHash(String key, Object body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (value != null) {
                    fields.put(String.valueOf(name), value instanceof String text ? text : StrictJson.write(value));
                }
            });
        }
        if (fields.isEmpty()) {
            throw new MessageRejectedException("a redis hash is written from an object with fields",
                    List.of("the body is " + (body instanceof Map<?, ?> ? "an object without a non-null field"
                            : "not an object")));
        }
        if (ttl == null) {
            connection.client().hset(key, fields);
            return;
        }
        List<String> args = new ArrayList<>(1 + 2 * fields.size());
        args.add(String.valueOf(ttl.toMillis()));
        fields.forEach((name, value) -> {
            args.add(name);
            args.add(value);
        });
        connection.client().eval(HSET_WITH_EXPIRY, List.of(key), args);
    }

    @Override
    public String toString() {
        return "RedisValueWriter[" + connection + " " + type + " " + keyPrefix + "*]";
    }
}
