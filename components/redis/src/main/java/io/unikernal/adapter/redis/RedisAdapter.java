package io.unikernal.adapter.redis;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.CheckpointStoreRole;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.KeyStoreRole;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.BeanFactoryDefinition;

/**
 * {@code redis}: a Redis server as the store of a route's processed keys ({@code policy.idempotency.store}). Neither
 * a source nor a target: the system is a pooled Jedis connection (the bean system.<name>) and each route
 * that keeps its keys there gets a {@link RedisIdempotentRepository} over it.
 */
public final class RedisAdapter implements Adapter {

    static final Option<String> HOST = Option.string("host").defaultValue("127.0.0.1")
            .description("Host name or address of the Redis server.");
    static final Option<Integer> PORT = Option.integer("port").defaultValue(6379).range(1, 65535)
            .description("Port of the Redis server.");
    static final Option<Integer> DATABASE = Option.integer("database").defaultValue(0).range(0, Integer.MAX_VALUE)
            .description("Number of the Redis database (SELECT).");
    static final Option<String> USER = Option.string("user").requires("password")
            .description("ACL user (Redis 6+); the default user when absent. Needs a password.");
    static final Option<String> PASSWORD = Option.string("password").secret()
            .description("Password (AUTH); write it as ${secret:NAME} or ${env:NAME}. None when absent.");
    static final Option<Duration> KEEP_FOR = Option.duration("keepFor")
            .description("How long a processed key is kept (its time to live); for ever when absent.")
            .example("7d");

    private static final AdapterInfo INFO = new AdapterInfo("redis",
            "Keeps the processed keys of idempotent routes in Redis (Jedis; SET NX with an optional time to live).",
            "io.unikernal:unikernal-components-redis");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of(HOST, PORT, DATABASE, USER, PASSWORD, KEEP_FOR);
    }

    @Override
    public Optional<KeyStoreRole> keyStore() {
        return Optional.of(new ProcessedKeys());
    }

    @Override
    public Optional<CheckpointStoreRole> checkpointStore() {
        return Optional.of(new Checkpoints());
    }

    /** A time to live of 0 would make Redis refuse every key: not a range the declaration can say for durations. */
    @Override
    public void check(SystemDecl system, Problems problems) {
        OptionValue keepFor = system.option(KEEP_FOR.name());
        if (keepFor != null && keepFor.value() instanceof String text
                && !io.unikernal.udl.spec.References.containsReference(text)) {
            Duration parsed = io.unikernal.udl.notation.Durations.parse(text);
            if (parsed != null && parsed.isZero()) {
                problems.error(UdlErrorCode.BAD_OPTION, keepFor.pos(), "keepFor must be longer than 0",
                        "write how long a key is kept, e.g. 7d, or leave keepFor out to keep keys for ever");
            }
        }
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("host", ctx.text(system, HOST));
        props.put("port", ctx.text(system, PORT));
        props.put("database", ctx.text(system, DATABASE));
        String user = ctx.text(system, USER);
        if (user != null) {
            props.put("user", user);
        }
        // {{secret:NAME}} / {{env:NAME}}: Camel resolves it when it builds the bean, the files keep the placeholder
        String password = ctx.text(system, PASSWORD);
        if (password != null) {
            props.put("password", password);
        }
        BeanFactoryDefinition<?> bean = new BeanFactoryDefinition<>();
        bean.setName(ctx.systemBean(system));
        bean.setType(RedisConnection.class.getName());
        bean.setProperties(props);
        bean.setInitMethod("start");
        bean.setDestroyMethod("close");
        ctx.addBean(bean);
        // the kernel checks the server at start and reports it at /observe/health
        ctx.addBean(ctx.systemBean(system) + ".probe", RedisProbe.class, Map.of("system", system.name(),
                "adapter", name(), "connection", "#bean:" + ctx.systemBean(system)));
    }

    /** A pipeline's checkpoints in the system's Redis ({@link RedisCheckpoints}). */
    private static final class Checkpoints implements CheckpointStoreRole {
        @Override
        public String checkpointStore(SystemDecl system, String namespace, CompileContext ctx) {
            String name = ctx.uniqueName(namespace + "-checkpoints");
            ctx.addBean(name, RedisCheckpoints.class, Map.of("connection", "#bean:" + ctx.systemBean(system),
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
            props.put("connection", "#bean:" + ctx.systemBean(system));
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
}
