package io.unikernal.adapter.redis;

import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.CheckpointStoreRole;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.ExpressionOptions;
import io.unikernal.spi.adapter.KeyStoreRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.notation.Durations;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.References;
import io.unikernal.udl.spec.ValueKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.language.LanguageExpression;

/**
 * {@code redis}: a Redis server as the store of a route's processed keys ({@code policy.idempotency.store}) and of
 * pipeline checkpoints, and as a target that writes each message under a key ({@code SET}, or {@code HSET} of its
 * fields), with an optional time to live. The system is a pooled Jedis connection (the bean system.<name>). Streams
 * and pub/sub are the adapters {@code redis-streams} and {@code redis-pubsub}: their roles differ in what they
 * can promise (a stream keeps what nobody has read, a channel does not).
 */
public final class RedisAdapter extends RedisSystemAdapter {

    static final Option<Duration> KEEP_FOR = Option.duration("keepFor")
            .description("How long a processed key is kept (its time to live); for ever when absent.")
            .example("7d");

    static final Option<Object> KEY = Option.of("key", ValueKind.EXPRESSION).excludes("keyField")
            .description("CEL expression whose value is the key the message is written under, e.g. \"'order:' + id\";"
                    + " instead of keyField.")
            .example("'order:' + id");
    static final Option<String> KEY_FIELD = Option.string("keyField").defaultValue("id")
            .description("The body's field whose value is the key (any field name, also one CEL cannot write), when"
                    + " no key expression is given.")
            .example("orderId");
    static final Option<String> KEY_PREFIX = Option.string("keyPrefix")
            .description("Text put before every key, e.g. a namespace such as orders:.").example("orders:");
    static final Option<String> TYPE = Option.string("type").defaultValue("string").allowed("string", "hash")
            .description("string: SET the key to the body as JSON; hash: HSET one hash field per top-level field of"
                    + " the body (text as it is, other values as JSON), merged into the hash.");
    static final Option<Duration> TTL = Option.duration("ttl")
            .description("The key's time to live, renewed by every write; for ever when absent.").example("10m");

    private static final AdapterInfo INFO = new AdapterInfo("redis",
            "Keeps the processed keys of idempotent routes and pipeline checkpoints in Redis, and writes messages as"
                    + " Redis strings or hashes with an optional time to live (Jedis).",
            "io.unikernal:unikernal-components-redis");

    public RedisAdapter() {
        super(INFO, KEEP_FOR);
    }

    @Override
    public Optional<KeyStoreRole> keyStore() {
        return Optional.of(new ProcessedKeys());
    }

    @Override
    public Optional<CheckpointStoreRole> checkpointStore() {
        return Optional.of(new Checkpoints());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Values());
    }

    /** A time to live of 0 would make Redis refuse every key: not a range the declaration can say for durations. */
    @Override
    public void check(SystemDecl system, Problems problems) {
        refuseZero(system.option(KEEP_FOR.name()), KEEP_FOR.name(), "a key is kept", "keepFor", problems);
    }

    static void refuseZero(OptionValue value, String name, String what, String leaveOut, Problems problems) {
        if (value != null && value.value() instanceof String text && !References.containsReference(text)) {
            Duration parsed = Durations.parse(text);
            if (parsed != null && parsed.isZero()) {
                problems.error(UdlErrorCode.BAD_OPTION, value.pos(), name + " must be longer than 0",
                        "write how long " + what + ", e.g. 7d, or leave " + leaveOut + " out to keep keys for ever");
            }
        }
    }

    /** A pipeline's checkpoints in the system's Redis ({@link RedisCheckpoints}). */
    private static final class Checkpoints implements CheckpointStoreRole {
        @Override
        public String checkpointStore(SystemDecl system, String namespace, CompileContext ctx) {
            String name = ctx.uniqueName(namespace + "-checkpoints");
            ctx.addBean(name, RedisCheckpoints.class, Map.of("connection", RedisSystem.connection(system, ctx),
                    "namespace", namespace));
            return name;
        }
    }

    private static final class ProcessedKeys implements KeyStoreRole {
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START);
        }

        @Override
        public String processedKeysRepository(SystemDecl system, String namespace, CompileContext ctx) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("connection", RedisSystem.connection(system, ctx));
            props.put("namespace", namespace);
            String keepFor = ctx.text(system, KEEP_FOR);
            if (keepFor != null) {
                props.put("keepFor", keepFor);
            }
            String name = ctx.uniqueName(namespace + "-processed-keys");
            ctx.addBean(name, RedisIdempotentRepository.class, props);
            return name;
        }
    }

    /** {@code to: {system: cache, key: ..., type: hash, ttl: 10m}}: one key per message ({@link RedisValueWriter}). */
    private static final class Values implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of(KEY, KEY_FIELD, KEY_PREFIX, TYPE, TTL);
        }

        /** The value holds the body only: the envelope is not written (no native headers). */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            OptionValue key = use.option(KEY.name());
            ExpressionOptions.checkSyntax(key, problems);
            refuseZero(use.option(TTL.name()), TTL.name(), "a key lives", "ttl", problems);
        }

        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            EndpointRef to = use.use();
            OptionValue key = to.option(KEY.name());
            if (key != null) {
                block.setProperty(RedisValueWriter.KEY_PROPERTY, new LanguageExpression("cel", key.asString()));
            }
            Map<String, String> props = new LinkedHashMap<>();
            props.put("connection", RedisSystem.connection(use.system(), ctx));
            props.put("type", ctx.text(to, TYPE));
            if (key == null) {
                props.put("keyField", ctx.text(to, KEY_FIELD));
            }
            putIfSet(props, "keyPrefix", ctx.text(to, KEY_PREFIX));
            putIfSet(props, "ttl", ctx.text(to, TTL));
            String name = ctx.uniqueName("redis-write-" + use.systemName());
            ctx.addBean(name, RedisValueWriter.class, props);
            block.process(name);
        }

        private static void putIfSet(Map<String, String> props, String name, String value) {
            if (value != null) {
                props.put(name, value);
            }
        }
    }
}
