package io.unikernal.adapter.redis;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.notation.Durations;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.References;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.BeanFactoryDefinition;

/**
 * What the three redis adapters share: the options that reach a server, and the system's pooled connection (the bean
 * {@code system.<name>}, a {@link RedisConnection}) with its {@link RedisProbe}, so the kernel checks the server at
 * start and reports it at {@code /observe/health}.
 */
final class RedisSystem {

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

    /** A key, stream or channel name that is a URI path: no character that starts a query or a fragment. */
    static final String NAME_PATTERN = "[^?&#\\s]+";
    static final String NAME_RULE = "a name without '?', '&', '#' or spaces";

    private RedisSystem() {
    }

    /** The options every redis system has, in the order the reference lists them. */
    static List<Option<?>> connectionOptions() {
        return List.of(HOST, PORT, DATABASE, USER, PASSWORD);
    }

    /** Declares the system's pooled connection and its probe. */
    static void contribute(Adapter adapter, SystemDecl system, CompileContext ctx) {
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
                "adapter", adapter.name(), "connection", connection(system, ctx)));
    }

    /** The reference to the system's connection bean, for a bean property or an endpoint parameter. */
    static String connection(SystemDecl system, CompileContext ctx) {
        return "#bean:" + ctx.systemBean(system);
    }

    /** The server and database a system reaches, as written: what two uses must share to be the same channel. */
    static String address(SystemDecl system) {
        return HOST.text(system) + ":" + PORT.text(system) + "/" + DATABASE.text(system);
    }

    /**
     * A duration option of a use in milliseconds, for an endpoint parameter; a run-time reference is passed as
     * written (Camel reads {@code 5s}, {@code 500ms} or a number of milliseconds).
     */
    static String millis(CompileContext ctx, EndpointRef use, Option<Duration> option) {
        OptionValue value = use.option(option.name());
        if (value == null) {
            return String.valueOf(option.defaultValue().toMillis());
        }
        if (value.value() instanceof String text && References.containsReference(text)) {
            return ctx.text(use, option);
        }
        Duration parsed = Durations.parse(String.valueOf(value.value()));
        return String.valueOf(parsed == null ? option.defaultValue().toMillis() : parsed.toMillis());
    }
}
