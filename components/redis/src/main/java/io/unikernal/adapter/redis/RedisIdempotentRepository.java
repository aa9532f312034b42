package io.unikernal.adapter.redis;

import io.unikernal.runtime.idempotency.ProcessedKeysRepository;
import io.unikernal.udl.notation.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The processed keys of a route in Redis ({@link ProcessedKeysRepository}'s semantics): one string key per message,
 * {@code <prefix><message key>}. {@link #add} is {@code SET NX PX <lease>} with the value {@code in-flight <time>}, so
 * of copies arriving at once exactly one is new, across every process that shares the server, and the mark of an
 * original that crashed expires with its lease; {@link #confirm} sets the value to the time it was done, expiring
 * after {@code keepFor} (never when absent); {@link #remove} is {@code DEL}, which Camel calls when the message fails
 * so its retry is processed. A value without the in-flight prefix (also one an earlier version wrote) is done.
 */
public class RedisIdempotentRepository extends ProcessedKeysRepository {

    /** What every key of a namespace starts with. */
    public static final String KEY_PREFIX = "unikernal:processed:";

    private static final int CLEAR_BATCH = 500;
    private static final String IN_FLIGHT = "in-flight ";

    private RedisConnection connection;
    private String namespace;
    private Duration keepFor;

    public void setConnection(RedisConnection connection) {
        this.connection = connection;
    }

    /** The route's {@code app/route}: its keys are {@code unikernal:processed:<namespace>:<key>}. */
    public void setNamespace(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("the namespace of a redis idempotent repository must not be blank");
        }
        this.namespace = namespace;
    }

    /** How long a key is kept, as a UDL duration ({@code 7d}, {@code 12h}); blank: for ever. */
    public void setKeepFor(String keepFor) {
        if (keepFor == null || keepFor.isBlank()) {
            this.keepFor = null;
            return;
        }
        Duration parsed = Durations.parse(keepFor);
        if (parsed == null || parsed.isZero()) {
            throw new IllegalArgumentException("keepFor '" + keepFor + "' is not a positive duration such as 7d, "
                    + "12h or 30m");
        }
        this.keepFor = parsed;
    }

    public Duration getKeepFor() {
        return keepFor;
    }

    /** The prefix of this repository's keys. */
    public String keyPrefix() {
        return KEY_PREFIX + namespace + ":";
    }

    @Override
    protected void doStart() {
        if (connection == null || namespace == null) {
            throw new IllegalStateException("a redis idempotent repository needs its connection and namespace");
        }
    }

    @Override
    public boolean add(String key) {
        SetParams params = SetParams.setParams().nx().px(inFlightLease().toMillis());
        return "OK".equals(client().set(keyPrefix() + key, IN_FLIGHT + Instant.now(), params));
    }

    @Override
    public boolean isDone(String key) {
        String value = client().get(keyPrefix() + key);
        return value != null && !value.startsWith(IN_FLIGHT);
    }

    @Override
    public boolean contains(String key) {
        return client().exists(keyPrefix() + key);
    }

    @Override
    public boolean remove(String key) {
        return client().del(keyPrefix() + key) > 0;
    }

    @Override
    public boolean confirm(String key) {
        // a plain SET also drops the lease's expiry when the key is kept for ever
        SetParams params = keepFor == null ? SetParams.setParams() : SetParams.setParams().px(keepFor.toMillis());
        return "OK".equals(client().set(keyPrefix() + key, Instant.now().toString(), params));
    }

    /** Forgets every key of this namespace (SCAN + DEL: other namespaces and other data are untouched). */
    @Override
    public void clear() {
        UnifiedJedis client = client();
        ScanParams match = new ScanParams().match(globEscape(keyPrefix()) + "*").count(CLEAR_BATCH);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = client.scan(cursor, match);
            List<String> keys = page.getResult();
            if (!keys.isEmpty()) {
                client.del(keys.toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }

    private UnifiedJedis client() {
        if (connection == null) {
            throw new IllegalStateException("the redis idempotent repository of " + namespace + " has no connection");
        }
        return connection.client();
    }

    /** Redis glob patterns treat * ? [ ] \ specially; a namespace is matched literally. */
    static String globEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "RedisIdempotentRepository[" + connection + " " + keyPrefix() + "*]";
    }
}
