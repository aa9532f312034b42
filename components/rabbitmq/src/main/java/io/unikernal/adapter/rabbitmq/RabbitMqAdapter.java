package io.unikernal.adapter.rabbitmq;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.spi.adapter.TlsSettings;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code rabbitmq}: AMQP 0-9-1 on a RabbitMQ broker through Camel's {@code spring-rabbitmq} component
 * ({@link RabbitMqComponent}). As a source it consumes a queue and acks each message only once its route has finished
 * with it; as a target it publishes to an exchange, persistent and mandatory, and waits for the broker's confirm. The
 * exchange, queue and binding a use names are declared when the app starts (durable unless told otherwise), so an app
 * brings up the topology it needs; {@code declare: false} expects them to exist.
 */
public final class RabbitMqAdapter implements Adapter {

    /** AMQP names as RabbitMQ's tools write them; no characters that would change an endpoint URI. */
    private static final String NAME_PATTERN = "[A-Za-z0-9_.:-]{1,255}";
    private static final String NAME_RULE = "letters, digits, '_', '.', ':' and '-' (at most 255)";
    /** Any text AMQP takes as a routing key but ')', so it always passes into an endpoint URI verbatim (RAW). */
    private static final String KEY_PATTERN = "[^)]{0,255}";
    private static final String KEY_RULE = "at most 255 characters, without ')'";

    static final Option<String> HOST = Option.string("host").defaultValue("127.0.0.1")
            .description("Host name or address of the RabbitMQ broker.");
    static final Option<Integer> PORT = Option.integer("port").defaultValue(5672).range(1, 65535)
            .description("AMQP port of the broker: by convention 5672 for plain TCP, 5671 for TLS.");
    static final Option<String> USER = Option.string("user").requires("password")
            .description("User to log in as; RabbitMQ's guest (which may log in from loopback only) when absent."
                    + " Needs a password.");
    static final Option<String> PASSWORD = Option.string("password").secret()
            .description("The user's password; write it as ${secret:NAME} or ${env:NAME}.");
    static final Option<String> VIRTUAL_HOST = Option.string("virtualHost").defaultValue("/")
            .description("The virtual host to use.");
    static final Option<Duration> CONNECT_TIMEOUT = Option.duration("connectTimeout").defaultText("5s")
            .description("How long opening a connection may take (TCP connect and AMQP handshake).");

    static final Option<String> QUEUE = Option.string("queue").required().pattern(NAME_PATTERN, NAME_RULE)
            .description("The queue to consume; declared (durable) at start unless declare is false.")
            .example("orders.in");
    static final Option<String> BIND_EXCHANGE = Option.string("exchange").pattern(NAME_PATTERN, NAME_RULE)
            .description("An exchange to bind the queue to (declared at start unless declare is false); without it"
                    + " the queue receives what is published to it by name.").example("orders");
    static final Option<String> EXCHANGE_TYPE = Option.string("exchangeType").defaultValue("direct")
            .allowed("direct", "fanout", "topic", "headers").requires("exchange")
            .description("The type of the exchange declared.");
    static final Option<String> BINDING_KEY = Option.string("routingKey").requires("exchange")
            .pattern(KEY_PATTERN, KEY_RULE)
            .description("The binding key of the queue on the exchange (topic patterns such as order.* work on a"
                    + " topic exchange); empty when absent.").example("order.created");
    static final Option<Boolean> DECLARE = Option.bool("declare").defaultValue(true)
            .description("Declare the exchange, queue and binding at start (idempotent); false: they must exist.");
    static final Option<Boolean> DURABLE = Option.bool("durable").defaultValue(true)
            .description("Declare the exchange and queue durable, so they and their persistent messages survive a"
                    + " broker restart.");
    static final Option<String> DEAD_LETTER_EXCHANGE = Option.string("deadLetterExchange")
            .pattern(NAME_PATTERN, NAME_RULE)
            .description("The queue's dead-letter exchange (x-dead-letter-exchange, declared direct): where the broker"
                    + " moves a message rejected without requeue (one whose failure escaped the route twice) or"
                    + " expired. Failures of the route's steps go to the route's deadLetter.")
            .example("orders.dlx");
    static final Option<String> DEAD_LETTER_QUEUE = Option.string("deadLetterQueue").pattern(NAME_PATTERN, NAME_RULE)
            .requires("deadLetterExchange")
            .description("A durable queue bound to the dead-letter exchange, declared at start.").example("orders.dlq");
    static final Option<Integer> PREFETCH = Option.integer("prefetch").defaultValue(10).range(1, 65535)
            .description("Messages the broker hands each consumer before they are acked.");
    static final Option<Integer> CONSUMERS = Option.integer("concurrentConsumers").defaultValue(1).range(1, 100)
            .description("Consumers of the queue, each on its own thread (messages are then processed out of order).");

    /** Camel's name for AMQP's default exchange (named "" on the broker), which routes by queue name. */
    static final String DEFAULT_EXCHANGE = "default";
    static final Option<String> EXCHANGE = Option.string("exchange").required().pattern(NAME_PATTERN, NAME_RULE)
            .description("The exchange to publish to; " + DEFAULT_EXCHANGE + " is AMQP's default exchange, which"
                    + " routes by queue name (the queue option, or the routing key).").example("orders");
    static final Option<String> ROUTING_KEY = Option.string("routingKey").pattern(KEY_PATTERN, KEY_RULE)
            .description("The routing key of each message; empty when absent, but with the default exchange it is"
                    + " a queue's name, the queue option's when absent.").example("order.created");
    static final Option<String> TARGET_EXCHANGE_TYPE = Option.string("exchangeType").defaultValue("direct")
            .allowed("direct", "fanout", "topic", "headers").requires("exchange")
            .description("The type of the exchange declared.");
    static final Option<String> TARGET_QUEUE = Option.string("queue").pattern(NAME_PATTERN, NAME_RULE)
            .description("A queue declared at start and bound to the exchange with the routing key, so the messages"
                    + " are kept until someone consumes them.").example("orders.out");
    static final Option<Boolean> TARGET_DECLARE = Option.bool("declare").defaultValue(true)
            .description("Declare the exchange (and queue and binding) before the first publish (idempotent); false:"
                    + " they must exist.");
    static final Option<Duration> CONFIRM_TIMEOUT = Option.duration("confirmTimeout").defaultText("5s")
            .description("How long a publish waits for the broker's confirm; a publish not confirmed in time fails.");

    static final ProblemCode DEFAULT_EXCHANGE_NEEDS_QUEUE = new PluginProblemCode("RABBITMQ", 1,
            "a publish to the default exchange names no queue");
    static final ProblemCode DEFAULT_EXCHANGE_KEY = new PluginProblemCode("RABBITMQ", 2,
            "a publish to the default exchange has a routing key other than its queue's name");
    static final ProblemCode TLS_REFERENCE = new PluginProblemCode("RABBITMQ", 3,
            "a RabbitMQ system's tls is a ${...} reference");
    static final ProblemCode STORES_WITHOUT_TLS = new PluginProblemCode("RABBITMQ", 4,
            "a RabbitMQ system with a trust or key store says tls: false");

    private static final AdapterInfo INFO = new AdapterInfo("rabbitmq",
            "Consumes RabbitMQ queues and publishes to exchanges (AMQP 0-9-1, Camel spring-rabbitmq): acks after"
                    + " the route, confirmed and mandatory publishes, topology declared from UDL.",
            "io.unikernal:unikernal-components-rabbitmq");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        List<Option<?>> options = new java.util.ArrayList<>(List.of(HOST, PORT, TlsSettings.TLS, USER, PASSWORD,
                VIRTUAL_HOST, CONNECT_TIMEOUT));
        options.addAll(TlsSettings.OPTIONS);
        return options;
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Consumer());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Publisher());
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(DEFAULT_EXCHANGE_NEEDS_QUEUE, DEFAULT_EXCHANGE_KEY, TLS_REFERENCE, STORES_WITHOUT_TLS);
    }

    @Override
    public void check(SystemDecl system, Problems problems) {
        TlsSettings.checkSwitch(system, problems, TLS_REFERENCE, STORES_WITHOUT_TLS);
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("system", system.name());
        props.put("host", ctx.text(system, HOST));
        props.put("port", ctx.text(system, PORT));
        String user = ctx.text(system, USER);
        if (user != null) {
            props.put("user", user);
        }
        // {{secret:NAME}} / {{env:NAME}}: Camel resolves it when it builds the bean, the files keep the placeholder
        String password = ctx.text(system, PASSWORD);
        if (password != null) {
            props.put("password", password);
        }
        props.put("virtualHost", ctx.text(system, VIRTUAL_HOST));
        props.put("connectTimeout", ctx.text(system, CONNECT_TIMEOUT));
        if (TlsSettings.wanted(system)) {
            // the shared TLS context's sockets, which check the broker's certificate and host name
            props.put("socketFactory", TlsSettings.contributeSocketFactory(system, ctx));
        }
        BeanFactoryDefinition<?> bean = new BeanFactoryDefinition<>();
        bean.setName(ctx.systemBean(system));
        bean.setType(RabbitConnection.class.getName());
        bean.setProperties(new LinkedHashMap<>(props));
        bean.setDestroyMethod("destroy");
        ctx.addBean(bean);
        ctx.addBean(RabbitMqComponent.NAME, RabbitMqComponent.class, Map.of());
        // the kernel checks the broker at start and reports it at /observe/health
        ctx.addBean(ctx.systemBean(system) + ".probe", RabbitMqProbe.class, Map.of("system", system.name(),
                "adapter", name(), "connection", "#bean:" + ctx.systemBean(system)));
    }

    /** The broker and virtual host of a system, as the channel checks compare them. */
    private static String broker(SystemDecl system) {
        return HOST.text(system) + ":" + PORT.text(system) + VIRTUAL_HOST.text(system);
    }

    private static EndpointUri endpoint(String exchange, SystemDecl system, CompileContext ctx) {
        return EndpointUri.of(RabbitMqComponent.NAME, exchange == null ? "default" : exchange)
                .param("connectionFactory", "#" + ctx.systemBean(system));
    }

    /** A duration as Camel's millisecond option takes it; a reference stays for Camel to resolve. */
    private static String millis(String duration) {
        Duration parsed = io.unikernal.udl.notation.Durations.parse(duration);
        return parsed == null ? duration : String.valueOf(Math.max(1, parsed.toMillis()));
    }

    private static final class Consumer implements SourceRole {
        @Override
        public List<Option<?>> options() {
            return List.of(QUEUE, BIND_EXCHANGE, EXCHANGE_TYPE, BINDING_KEY, DECLARE, DURABLE, DEAD_LETTER_EXCHANGE,
                    DEAD_LETTER_QUEUE, PREFETCH, CONSUMERS);
        }

        /**
         * Messages wait in the queue while the app is stopped; the envelope travels in AMQP properties; the probe
         * checks the broker at start.
         */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START, Capability.DURABLE,
                    Capability.NATIVE_HEADERS);
        }

        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            return Optional.of(queueChannel(system, QUEUE.text(use)));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            EndpointRef from = use.use();
            String exchange = ctx.text(from, BIND_EXCHANGE);
            String queue = ctx.text(from, QUEUE);
            String durable = ctx.text(from, DURABLE);
            EndpointUri uri = endpoint(exchange, use.system(), ctx).userParam("queues", queue);
            if (exchange != null) {
                uri.param("exchangeType", ctx.text(from, EXCHANGE_TYPE)).userParam("routingKey",
                        ctx.text(from, BINDING_KEY)).param("arg.exchange.durable", durable);
            } else {
                uri.param("skipDeclareExchange", true).param("skipBindQueue", true);
            }
            uri.param("autoDeclare", ctx.text(from, DECLARE)).param("arg.queue.durable", durable);
            String deadLetterExchange = ctx.text(from, DEAD_LETTER_EXCHANGE);
            if (deadLetterExchange != null) {
                // dead-lettered with the queue's name as routing key: the dead-letter queue is bound with it
                uri.userParam("deadLetterExchange", deadLetterExchange).userParam("deadLetterRoutingKey", queue)
                        .userParam("deadLetterQueue", ctx.text(from, DEAD_LETTER_QUEUE));
            }
            // acked by the container once the route returned (AckAfterRoute); the route runs on the consumer's
            // thread, and a reply-to property never makes it request/reply
            return uri.param("acknowledgeMode", "AUTO").param("asyncConsumer", false).param("disableReplyTo", true)
                    .param("prefetchCount", ctx.text(from, PREFETCH))
                    .param("concurrentConsumers", ctx.text(from, CONSUMERS)).toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            String name = "normalize-" + use.systemName();
            ctx.addBean(name, RabbitMqNormalizer.class, List.of(use.systemName()), Map.of());
            route.process(name);
        }
    }

    private static Channel queueChannel(SystemDecl system, String queue) {
        return new Channel("rabbitmq", broker(system) + "/" + queue, null, "rabbitmq queue '" + queue + "'");
    }

    private static final class Publisher implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of(EXCHANGE, ROUTING_KEY, TARGET_EXCHANGE_TYPE, TARGET_QUEUE, TARGET_DECLARE, DURABLE,
                    CONFIRM_TIMEOUT);
        }

        /** The envelope in AMQP properties; the idempotency key as the messageId; the probe checks the broker. */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START, Capability.NATIVE_HEADERS,
                    Capability.SENDS_IDEMPOTENCY_KEY);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            if (!isDefaultExchange(use)) {
                return;
            }
            String queue = TARGET_QUEUE.text(use);
            String key = ROUTING_KEY.text(use);
            if (queue == null && key == null) {
                problems.error(DEFAULT_EXCHANGE_NEEDS_QUEUE, use.option(EXCHANGE.name()).pos(), "the default"
                        + " exchange routes by queue name, and this publish names no queue",
                        "add queue: <name> (or routingKey: <queue name>), or publish to an exchange of your own");
            } else if (queue != null && key != null && !queue.equals(key)) {
                problems.error(DEFAULT_EXCHANGE_KEY, use.option(ROUTING_KEY.name()).pos(), "the default exchange"
                        + " routes by queue name: routingKey '" + key + "' would not reach queue '" + queue + "'",
                        "drop routingKey, or publish to an exchange of your own to route by key");
            }
        }

        /** What a publish to the default exchange reaches is a queue by name, which a route may consume. */
        @Override
        public Optional<Channel> feeds(SystemDecl system, EndpointRef use) {
            if (!isDefaultExchange(use)) {
                return Optional.empty();
            }
            String queue = Optional.ofNullable(TARGET_QUEUE.text(use)).orElse(ROUTING_KEY.text(use));
            return Optional.ofNullable(queue).map(name -> queueChannel(system, name));
        }

        /** True when the use publishes to {@value #DEFAULT_EXCHANGE} (a reference is taken for an exchange). */
        private static boolean isDefaultExchange(EndpointRef use) {
            return DEFAULT_EXCHANGE.equals(EXCHANGE.text(use));
        }

        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            EndpointRef to = use.use();
            String exchange = isDefaultExchange(to) ? null : ctx.text(to, EXCHANGE);
            String queue = ctx.text(to, TARGET_QUEUE);
            String key = ctx.text(to.option(ROUTING_KEY.name()), exchange == null ? queue : null);
            String durable = ctx.text(to, DURABLE);
            boolean declare = Boolean.parseBoolean(ctx.text(to, TARGET_DECLARE)) && (exchange != null
                    || queue != null);
            EndpointUri uri = endpoint(exchange, use.system(), ctx).userParam("routingKey", key)
                    .param("disableReplyTo", true).param("usePublisherConnection", true).param("confirm", "enabled")
                    .param("confirmTimeout", millis(ctx.text(to, CONFIRM_TIMEOUT)))
                    .param("autoDeclareProducer", declare);
            if (declare) {
                if (exchange != null) {
                    uri.param("exchangeType", ctx.text(to, TARGET_EXCHANGE_TYPE)).param("arg.exchange.durable",
                            durable);
                } else {
                    uri.param("skipDeclareExchange", true);
                }
                if (queue != null) {
                    uri.userParam("queues", queue).param("arg.queue.durable", durable);
                    if (exchange == null) {
                        uri.param("skipBindQueue", true);
                    }
                } else {
                    uri.param("skipDeclareQueue", true).param("skipBindQueue", true);
                }
            }
            block.to(uri.toString());
        }
    }
}
