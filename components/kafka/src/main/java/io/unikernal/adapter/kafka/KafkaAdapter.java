package io.unikernal.adapter.kafka;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.ExpressionOptions;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.spi.adapter.TlsSettings;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.notation.Durations;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.References;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.language.LanguageExpression;

/**
 * {@code kafka}: a topic as the source of routes (a consumer group, at-least-once) and as a target (an idempotent
 * producer, {@code acks=all}), over Camel's kafka component.
 *
 * <p><b>At-least-once.</b> A source's offsets are committed by the adapter, never by Kafka's auto-commit: Camel's
 * consumer runs with {@code autoCommitEnable=false} and {@code allowManualCommit=true} with the synchronous
 * {@link DefaultKafkaManualCommitFactory}, which makes it record each record's offset only once the route returned
 * for it and {@code commitSync} those offsets after each partition's records of a poll (and when the partitions are
 * revoked or the consumer stops). The route's own failure handling (its {@code retry}, then its {@code deadLetter},
 * or the error log) ends every record, so a poisoned record is retried a bounded number of times, dead-lettered,
 * and the partition moves on. {@code breakOnFirstError=true} is the guard behind it: a record whose exchange still
 * ended in an exception is not committed but polled again. See docs/adapters-kafka-notes.md.
 */
public final class KafkaAdapter implements Adapter {

    static final String NAME = "kafka";

    /** A host:port list; no spaces, '?' or '&amp;' (the value goes into a URI). */
    static final Option<String> BROKERS = Option.string("brokers").required()
            .pattern("[^\\s,?&]+:[0-9]{1,5}(,[^\\s,?&]+:[0-9]{1,5})*", "host:port, comma-separated")
            .description("Bootstrap brokers of the cluster (bootstrap.servers).").example("127.0.0.1:9092");
    static final Option<String> TOPIC = Option.string("topic").required()
            .pattern("[A-Za-z0-9._-]{1,249}", "a Kafka topic name: letters, digits, '.', '_' and '-'")
            .description("The topic a route consumes from (from:) or sends to (to:, deadLetter:).").example("orders");
    static final Option<String> SECURITY_PROTOCOL = Option.string("securityProtocol").defaultValue("PLAINTEXT")
            .allowed("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
            .description("How clients talk to the brokers: TLS (SSL), SASL authentication, both, or neither.");
    static final Option<String> SASL_MECHANISM = Option.string("saslMechanism").defaultValue("PLAIN")
            .allowed("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")
            .description("The SASL mechanism of a SASL_* security protocol.");
    static final Option<String> USER = Option.string("user").requires("password")
            .description("The SASL user (a SASL_* security protocol needs it).");
    static final Option<String> PASSWORD = Option.string("password").secret().requires("user")
            .description("The SASL password; write it as ${secret:NAME} or ${env:NAME}.");
    // TLS: the shared declarations (io.unikernal.spi.adapter.TlsSettings), mapped to Kafka's ssl.* settings

    // source (from:)
    static final Option<String> GROUP_ID = Option.string("groupId")
            .pattern("[A-Za-z0-9._-]{1,249}", "letters, digits, '.', '_' and '-'")
            .description("The consumer group; the app's name when absent. Routes of one group share the topic's"
                    + " partitions, and the group's committed offsets say where a restarted app goes on.")
            .example("billing");
    static final Option<String> AUTO_OFFSET_RESET = Option.string("autoOffsetReset").defaultValue("earliest")
            .allowed("earliest", "latest")
            .description("Where a group with no committed offset starts: earliest (every record the topic keeps, so"
                    + " nothing sent before the first start is missed) or latest (only records sent from now on).");
    static final Option<Integer> MAX_POLL_RECORDS = Option.integer("maxPollRecords").defaultValue(500)
            .range(1, 100_000).description("Records one poll returns at most (max.poll.records): the batch the route"
                    + " works through before the next poll, and before their offsets are committed.");
    static final Option<Duration> MAX_POLL_INTERVAL = Option.duration("maxPollInterval").defaultText("5m")
            .description("Longest time between two polls before the broker takes the partitions away"
                    + " (max.poll.interval.ms); a batch's work, retries included, must fit in it.");
    static final Option<Duration> POLL_TIMEOUT = Option.duration("pollTimeout").defaultText("1s")
            .description("How long one poll waits for records; also bounds how long stopping waits for the poller.");
    static final Option<Integer> FETCH_MIN_BYTES = Option.integer("fetchMinBytes").defaultValue(1)
            .range(1, Integer.MAX_VALUE).description("Bytes a fetch waits for before the broker answers"
                    + " (fetch.min.bytes); larger values batch more under load.");
    static final Option<Duration> FETCH_MAX_WAIT = Option.duration("fetchMaxWait").defaultText("500ms")
            .description("How long the broker may wait for fetchMinBytes (fetch.max.wait.ms).");
    static final Option<Integer> CONSUMERS = Option.integer("consumers").defaultValue(1).range(1, 256)
            .description("Consumers of the group in this app, each a thread with partitions of its own (order is"
                    + " kept per partition).");
    static final Option<Duration> SESSION_TIMEOUT = Option.duration("sessionTimeout").defaultText("45s")
            .description("How long the group waits for a silent consumer before taking its partitions"
                    + " (session.timeout.ms).");
    static final Option<Duration> HEARTBEAT_INTERVAL = Option.duration("heartbeatInterval").defaultText("3s")
            .description("How often a consumer tells the group it is alive (heartbeat.interval.ms).");
    static final Option<Duration> COMMIT_TIMEOUT = Option.duration("commitTimeout").defaultText("5s")
            .description("How long an offset commit may take.");
    static final Option<String> ISOLATION_LEVEL = Option.string("isolationLevel").defaultValue("read_uncommitted")
            .allowed("read_uncommitted", "read_committed")
            .description("read_committed skips records of aborted transactions and waits for open ones.");

    // target (to:, deadLetter:)
    static final Option<Object> KEY = Option.of("key", io.unikernal.udl.spec.ValueKind.EXPRESSION)
            .description("CEL expression whose value is the record's key, e.g. customer: records of one key go to"
                    + " one partition, in order. No key when absent (records are spread over the partitions).")
            .example("customerId");
    static final Option<Duration> DELIVERY_TIMEOUT = Option.duration("deliveryTimeout").defaultText("2m")
            .description("How long the producer keeps trying one record (delivery.timeout.ms) before the call"
                    + " fails and the route's retry or deadLetter takes it; retries within it never duplicate (the"
                    + " producer is idempotent).");
    static final Option<Duration> LINGER = Option.duration("linger").defaultText("0ms")
            .description("How long the producer waits to fill a batch (linger.ms).");
    static final Option<Integer> BATCH_SIZE = Option.integer("batchSize").defaultValue(16384).range(0, 64 << 20)
            .description("Bytes of records per partition batched into one request (batch.size).");
    static final Option<String> COMPRESSION = Option.string("compression").defaultValue("none")
            .allowed("none", "gzip", "snappy", "lz4", "zstd").description("Compression of record batches.");

    static final ProblemCode SASL_WITHOUT_LOGIN = new PluginProblemCode("KAFKA", 1,
            "a SASL security protocol without user and password");
    static final ProblemCode LOGIN_WITHOUT_SASL = new PluginProblemCode("KAFKA", 2,
            "a user and password with a security protocol that does not use SASL");
    static final ProblemCode TLS_FILES_WITHOUT_TLS = new PluginProblemCode("KAFKA", 3,
            "a trust or key store with a security protocol that does not use TLS");
    static final ProblemCode DELIVERY_WITHIN_LINGER = new PluginProblemCode("KAFKA", 4,
            "a deliveryTimeout not longer than linger");
    static final ProblemCode HEARTBEAT_NOT_BELOW_SESSION = new PluginProblemCode("KAFKA", 5,
            "a heartbeatInterval not shorter than the sessionTimeout");

    /** Kafka's own request timeout; a shorter delivery timeout shortens it (Kafka requires delivery >= request + linger). */
    private static final long REQUEST_TIMEOUT_MS = 30_000;
    private static final String SYNC_COMMITS = "kafka-sync-commits";

    private static final AdapterInfo INFO = new AdapterInfo(NAME,
            "Kafka topics (Camel kafka): consumer groups that commit a record's offset only once the route finished"
                    + " it, and an idempotent producer (acks=all) with a key from a CEL expression.",
            "io.unikernal:unikernal-components-kafka");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        List<Option<?>> options = new ArrayList<>(List.of(BROKERS, TOPIC, SECURITY_PROTOCOL, SASL_MECHANISM, USER,
                PASSWORD));
        options.addAll(TlsSettings.OPTIONS);
        return List.copyOf(options);
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(SASL_WITHOUT_LOGIN, LOGIN_WITHOUT_SASL, TLS_FILES_WITHOUT_TLS, DELIVERY_WITHIN_LINGER,
                HEARTBEAT_NOT_BELOW_SESSION);
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Topics());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Producer());
    }

    @Override
    public void check(SystemDecl system, Problems problems) {
        String protocol = literal(system.option(SECURITY_PROTOCOL.name()));
        if (protocol == null) {
            protocol = system.option(SECURITY_PROTOCOL.name()) == null ? SECURITY_PROTOCOL.defaultValue() : null;
        }
        if (protocol == null) {
            return;
        }
        protocol = protocol.toUpperCase(Locale.ROOT);
        SourcePos at = system.option(SECURITY_PROTOCOL.name()) == null ? system.pos()
                : system.option(SECURITY_PROTOCOL.name()).pos();
        boolean sasl = protocol.startsWith("SASL_");
        boolean tls = protocol.endsWith("SSL");
        if (sasl && system.option(USER.name()) == null) {
            problems.error(SASL_WITHOUT_LOGIN, at, "securityProtocol " + protocol + " needs a user and password",
                    "add user: and password: \"${secret:NAME}\", or use SSL or PLAINTEXT");
        }
        if (!sasl && system.option(USER.name()) != null) {
            problems.error(LOGIN_WITHOUT_SASL, system.option(USER.name()).pos(), "user and password are only sent"
                    + " with SASL, but securityProtocol is " + protocol, "set securityProtocol: SASL_SSL (or"
                    + " SASL_PLAINTEXT), or remove user and password");
        }
        for (Option<String> store : List.of(TlsSettings.TRUSTSTORE, TlsSettings.KEYSTORE)) {
            OptionValue value = system.option(store.name());
            if (!tls && value != null) {
                problems.error(TLS_FILES_WITHOUT_TLS, value.pos(), store.name() + " is only used with TLS, but"
                        + " securityProtocol is " + protocol, "set securityProtocol: SSL (or SASL_SSL), or remove "
                        + store.name());
            }
        }
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("brokers", ctx.text(system, BROKERS));
        props.put("securityProtocol", ctx.text(system, SECURITY_PROTOCOL));
        props.put("saslMechanism", ctx.text(system, SASL_MECHANISM));
        putIfSet(props, "user", ctx.text(system, USER));
        // {{secret:NAME}} / {{env:NAME}}: Camel resolves them as it builds the bean; the files keep the placeholder
        putIfSet(props, "password", ctx.text(system, PASSWORD));
        props.putAll(TlsSettings.properties(system, ctx));
        BeanFactoryDefinition<?> bean = new BeanFactoryDefinition<>();
        bean.setName(ctx.systemBean(system));
        bean.setType(KafkaSystem.class.getName());
        bean.setProperties(props);
        ctx.addBean(bean);
        // the kernel checks the cluster at start and reports it at /observe/health
        ctx.addBean(ctx.systemBean(system) + ".probe", KafkaProbe.class, Map.of("system", system.name(),
                "adapter", name(), "client", "#bean:" + ctx.systemBean(system)));
    }

    private static void putIfSet(Map<String, Object> props, String key, String value) {
        if (value != null) {
            props.put(key, value);
        }
    }

    /** The value as written, when it is plain text (not a run-time reference); else null. */
    private static String literal(OptionValue value) {
        if (value == null || !(value.value() instanceof String text) || References.containsReference(text)) {
            return null;
        }
        return text;
    }

    /**
     * A duration option in milliseconds for a {@code ...Ms} parameter; a run-time reference is passed as written
     * (its value must then be in milliseconds).
     */
    private static String millis(CompileContext ctx, EndpointRef use, Option<Duration> option) {
        OptionValue value = use.option(option.name());
        String literal = value == null ? option.text((OptionValue) null) : literal(value);
        if (literal == null) {
            return ctx.text(use, option);
        }
        Duration parsed = Durations.parse(literal);
        return String.valueOf(parsed == null ? option.defaultValue().toMillis() : parsed.toMillis());
    }

    private static Channel channel(SystemDecl system, String group) {
        String topic = TOPIC.text(system);
        String address = BROKERS.text(system) + "/" + topic;
        return new Channel(NAME, address, group, "kafka topic '" + topic + "'" + (group == null ? ""
                : " (group " + group + ")"));
    }

    /** The group of a use: its groupId, or the app's name. */
    private static String group(EndpointRef use, String app) {
        String group = GROUP_ID.of(use);
        return group == null ? app : group;
    }

    /** Topic in the path (its pattern keeps '?' and '&amp;' out), brokers and the system's client factory. */
    private static EndpointUri endpoint(SystemDecl system, CompileContext ctx) {
        return EndpointUri.of("kafka", ctx.text(system, TOPIC)).userParam("brokers", ctx.text(system, BROKERS))
                .param("kafkaClientFactory", "#bean:" + ctx.systemBean(system));
    }

    private static final class Topics implements SourceRole {
        @Override
        public List<Option<?>> options() {
            return List.of(GROUP_ID, AUTO_OFFSET_RESET, MAX_POLL_RECORDS, MAX_POLL_INTERVAL, POLL_TIMEOUT,
                    FETCH_MIN_BYTES, FETCH_MAX_WAIT, CONSUMERS, SESSION_TIMEOUT, HEARTBEAT_INTERVAL, COMMIT_TIMEOUT,
                    ISOLATION_LEVEL);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.DURABLE, Capability.NATIVE_HEADERS,
                    Capability.CHECKED_AT_START);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            Duration session = SESSION_TIMEOUT.valueOrDefault(raw(use, SESSION_TIMEOUT));
            Duration heartbeat = HEARTBEAT_INTERVAL.valueOrDefault(raw(use, HEARTBEAT_INTERVAL));
            if (session != null && heartbeat != null && heartbeat.compareTo(session) >= 0) {
                OptionValue at = use.option(HEARTBEAT_INTERVAL.name()) != null
                        ? use.option(HEARTBEAT_INTERVAL.name()) : use.option(SESSION_TIMEOUT.name());
                problems.error(HEARTBEAT_NOT_BELOW_SESSION, at == null ? use.pos() : at.pos(), "heartbeatInterval "
                        + Durations.format(heartbeat) + " must be shorter than sessionTimeout "
                        + Durations.format(session), "use a heartbeat of at most a third of the session timeout");
            }
        }

        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            // the app's name is not known here; uses without a groupId share one group per app
            String group = GROUP_ID.of(use);
            return Optional.of(channel(system, group == null ? "(the app's group)" : group));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            EndpointRef from = use.use();
            ctx.addBean(SYNC_COMMITS, DefaultKafkaManualCommitFactory.class, Map.of());
            return endpoint(use.system(), ctx)
                    .userParam("groupId", from.option(GROUP_ID.name()) == null ? ctx.document().name()
                            : ctx.text(from, GROUP_ID))
                    .userParam("autoOffsetReset", ctx.text(from, AUTO_OFFSET_RESET))
                    // at-least-once: offsets are committed by the adapter once the route finished each record
                    .param("autoCommitEnable", false).param("allowManualCommit", true)
                    .param("kafkaManualCommitFactory", "#bean:" + SYNC_COMMITS)
                    .param("breakOnFirstError", true)
                    .userParam("maxPollRecords", ctx.text(from, MAX_POLL_RECORDS))
                    .userParam("maxPollIntervalMs", millis(ctx, from, MAX_POLL_INTERVAL))
                    .userParam("pollTimeoutMs", millis(ctx, from, POLL_TIMEOUT))
                    .userParam("fetchMinBytes", ctx.text(from, FETCH_MIN_BYTES))
                    .userParam("fetchWaitMaxMs", millis(ctx, from, FETCH_MAX_WAIT))
                    .userParam("consumersCount", ctx.text(from, CONSUMERS))
                    .userParam("sessionTimeoutMs", millis(ctx, from, SESSION_TIMEOUT))
                    .userParam("heartbeatIntervalMs", millis(ctx, from, HEARTBEAT_INTERVAL))
                    .userParam("commitTimeoutMs", millis(ctx, from, COMMIT_TIMEOUT))
                    .userParam("isolationLevel", ctx.text(from, ISOLATION_LEVEL))
                    .toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            String name = "normalize-" + use.systemName();
            ctx.addBean(name, KafkaRecordNormalizer.class, List.of(use.systemName()), Map.of());
            route.process(name);
        }
    }

    private static Object raw(EndpointRef use, Option<?> option) {
        OptionValue value = use.option(option.name());
        return value == null ? null : value.value();
    }

    private static final class Producer implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of(KEY, DELIVERY_TIMEOUT, LINGER, BATCH_SIZE, COMPRESSION);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.NATIVE_HEADERS, Capability.CHECKED_AT_START);
        }

        @Override
        public Optional<Channel> feeds(SystemDecl system, EndpointRef use) {
            return Optional.of(channel(system, null));
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            OptionValue key = use.option(KEY.name());
            ExpressionOptions.checkSyntax(key, problems);
            Duration delivery = DELIVERY_TIMEOUT.valueOrDefault(raw(use, DELIVERY_TIMEOUT));
            Duration linger = LINGER.valueOrDefault(raw(use, LINGER));
            if (delivery != null && linger != null && delivery.compareTo(linger) <= 0) {
                OptionValue at = use.option(DELIVERY_TIMEOUT.name()) != null ? use.option(DELIVERY_TIMEOUT.name())
                        : use.option(LINGER.name());
                problems.error(DELIVERY_WITHIN_LINGER, at == null ? use.pos() : at.pos(), "deliveryTimeout "
                        + Durations.format(delivery) + " must be longer than linger " + Durations.format(linger),
                        "a record waits up to linger before it is sent: give deliveryTimeout more time than that");
            }
        }

        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            EndpointRef to = use.use();
            OptionValue key = to.option(KEY.name());
            if (key != null) {
                block.setProperty(KafkaHeaders.KEY_PROPERTY, new LanguageExpression("cel", key.asString()));
            }
            ctx.addBean("kafka-record", KafkaRecordPreparer.class, Map.of());
            block.process("kafka-record");
            String delivery = millis(ctx, to, DELIVERY_TIMEOUT);
            String linger = millis(ctx, to, LINGER);
            EndpointUri uri = endpoint(use.system(), ctx)
                    // every in-sync replica has the record before it counts as sent; retries never duplicate
                    .param("requestRequiredAcks", "all").param("enableIdempotence", true)
                    .param("maxInFlightRequest", 5)
                    .userParam("deliveryTimeoutMs", delivery).userParam("lingerMs", linger)
                    .userParam("producerBatchSize", ctx.text(to, BATCH_SIZE))
                    .userParam("compressionCodec", ctx.text(to, COMPRESSION));
            if (isNumber(delivery) && isNumber(linger)) {
                // Kafka refuses delivery.timeout.ms < request.timeout.ms + linger.ms
                long request = Math.min(REQUEST_TIMEOUT_MS, Long.parseLong(delivery) - Long.parseLong(linger));
                uri.param("requestTimeoutMs", Math.max(1, request));
            }
            block.to(uri.toString());
        }

        private static boolean isNumber(String text) {
            return text != null && text.chars().allMatch(Character::isDigit) && !text.isEmpty();
        }
    }
}
