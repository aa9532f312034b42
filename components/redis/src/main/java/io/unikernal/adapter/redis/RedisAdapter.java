package io.unikernal.adapter.redis;

import io.unikernal.adapter.Adapter;
import io.unikernal.adapter.CompileContext;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Durations;
import io.unikernal.udl.spec.OptionSpec;
import io.unikernal.udl.spec.ValueKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.BeanFactoryDefinition;

/**
 * {@code redis}: a Redis server as the store of a route's processed keys ({@code policy.idempotency.store}). Neither
 * a source nor a target: the system is a pooled Jedis connection (the bean system.<name>) and each route
 * that keeps its keys there gets a {@link RedisIdempotentRepository} over it.
 */
public final class RedisAdapter implements Adapter {

    static final OptionSpec HOST = OptionSpec.of("host", ValueKind.STRING).defaultValue("127.0.0.1")
            .description("Host name or address of the Redis server.");
    static final OptionSpec PORT = OptionSpec.of("port", ValueKind.INTEGER).defaultValue(6379)
            .description("Port of the Redis server.");
    static final OptionSpec DATABASE = OptionSpec.of("database", ValueKind.INTEGER).defaultValue(0)
            .description("Number of the Redis database (SELECT).");
    static final OptionSpec USER = OptionSpec.of("user", ValueKind.STRING)
            .description("ACL user (Redis 6+); the default user when absent. Needs a password.");
    static final OptionSpec PASSWORD = OptionSpec.of("password", ValueKind.STRING).secret()
            .description("Password (AUTH); write it as ${secret:NAME} or ${env:NAME}. None when absent.");
    static final OptionSpec KEEP_FOR = OptionSpec.of("keepFor", ValueKind.DURATION)
            .description("How long a processed key is kept (its time to live); for ever when absent.")
            .example("7d");

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String description() {
        return "Keeps the processed keys of idempotent routes in Redis (Jedis; SET NX with an optional time to live).";
    }

    @Override
    public String artifact() {
        return "io.unikernal:unikernal-components-redis";
    }

    @Override
    public List<OptionSpec> systemOptions() {
        return List.of(HOST, PORT, DATABASE, USER, PASSWORD, KEEP_FOR);
    }

    @Override
    public boolean canBeSource() {
        return false;
    }

    @Override
    public boolean canBeTarget() {
        return false;
    }

    @Override
    public boolean canStoreProcessedKeys() {
        return true;
    }

    @Override
    public void check(SystemDecl system, Problems problems) {
        OptionValue port = system.option("port");
        if (port != null && port.value() instanceof Number n && (n.longValue() < 1 || n.longValue() > 65535)) {
            problems.error(UdlErrorCode.BAD_OPTION, port.pos(), "port " + n + " is outside 1..65535",
                    "Redis listens on 6379 unless configured otherwise");
        }
        OptionValue database = system.option("database");
        if (database != null && database.value() instanceof Number n && n.longValue() < 0) {
            problems.error(UdlErrorCode.BAD_OPTION, database.pos(), "database " + n + " is negative",
                    "Redis numbers its databases from 0");
        }
        OptionValue keepFor = system.option("keepFor");
        if (keepFor != null) {
            Duration parsed = Durations.parse(keepFor.asString());
            if (parsed != null && parsed.isZero()) {
                problems.error(UdlErrorCode.BAD_OPTION, keepFor.pos(), "keepFor must be longer than 0",
                        "write how long a key is kept, e.g. 7d, or leave keepFor out to keep keys for ever");
            }
        }
        OptionValue user = system.option("user");
        if (user != null && system.option("password") == null) {
            problems.error(UdlErrorCode.BAD_OPTION, user.pos(), "user '" + user.value() + "' has no password",
                    "add password: ${secret:NAME}, or leave user out to use the default user");
        }
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("host", ctx.systemOption(system, "host"));
        props.put("port", ctx.systemOption(system, "port"));
        props.put("database", ctx.systemOption(system, "database"));
        String user = ctx.text(system.option("user"), null);
        if (user != null) {
            props.put("user", user);
        }
        // {{secret:NAME}} / {{env:NAME}}: Camel resolves it when it builds the bean, the files keep the placeholder
        String password = ctx.text(system.option("password"), null);
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

    @Override
    public String processedKeysRepository(SystemDecl system, String namespace, CompileContext ctx) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connection", "#bean:" + ctx.systemBean(system));
        props.put("namespace", namespace);
        String keepFor = ctx.systemOption(system, "keepFor");
        if (keepFor != null) {
            props.put("keepFor", keepFor);
        }
        String name = ctx.uniqueName(namespace + "-processed-keys");
        ctx.addBean(name, RedisIdempotentRepository.class, props);
        return name;
    }
}
