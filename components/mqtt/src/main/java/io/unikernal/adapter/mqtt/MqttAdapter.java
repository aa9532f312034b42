package io.unikernal.adapter.mqtt;

import io.unikernal.spi.adapter.Adapter;
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
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.References;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/**
 * What the two MQTT adapters share: {@code mqtt} (MQTT 5, camel-paho-mqtt5) and {@code mqtt3} (MQTT 3.1.1,
 * camel-paho), both over Eclipse Paho 1.2.5. They are two adapters, not one with a {@code version} option, because a
 * role's capabilities are declared per adapter and MQTT 3.1.1 carries no headers: only {@code mqtt} can say
 * {@link Capability#NATIVE_HEADERS}.
 *
 * <p>A system is one broker. It becomes a Camel component of its own (the bean {@code system.<name>}, a
 * {@code PahoMqtt5Component} or {@code PahoComponent} holding the broker URL and the credentials), so endpoint URIs
 * carry only the topic and per-use settings, never a password. A source subscribes to a topic filter (wildcards
 * {@code +} and {@code #}) with QoS 1 by default and a persistent session under a stable client id; a target
 * publishes JSON with QoS 1 by default, optionally retained.
 */
public abstract class MqttAdapter implements Adapter {

    /** A topic: not empty, no '?' (it would start the endpoint URI's query); wildcards only as whole levels. */
    static final Option<String> TOPIC = Option.string("topic")
            .pattern("(?=.)(#|(\\+|[^+#?]+)?(/(\\+|[^+#?]*))*(/#)?)",
                    "an MQTT topic: levels split by '/', '+' only as a whole level, '#' only as the last level,"
                            + " no '?'")
            .description("The topic: a source subscribes to it (a filter, with '+' for one level and '#' for the"
                    + " rest), a target publishes to it (no wildcards). On the system it is the default of every"
                    + " use; a use's own topic replaces it.")
            .example("sensors/+/temperature");
    static final Option<String> HOST = Option.string("host").defaultValue("127.0.0.1")
            .description("Host name or address of the MQTT broker.");
    static final Option<Integer> PORT = Option.integer("port").defaultValue(1883).range(1, 65535)
            .description("Port of the MQTT broker: by convention 1883 for plain TCP, 8883 for TLS.");

    static final Option<String> USER = Option.string("user")
            .description("User name the client connects with; anonymous when absent.");
    static final Option<String> PASSWORD = Option.string("password").secret().requires("user")
            .description("Password the client connects with; write it as ${secret:NAME} or ${env:NAME}. Needs a"
                    + " user.");
    static final Option<Integer> QOS = Option.integer("qos").defaultValue(1).range(0, 2)
            .description("Quality of service: 0 at most once, 1 at least once, 2 exactly once between client and"
                    + " broker. 1 by default: it is the level at which a source acknowledges a message only after"
                    + " the route finished it.");
    static final Option<String> SESSION = Option.string("session").defaultValue("persistent")
            .allowed("persistent", "clean")
            .description("persistent: the broker keeps the subscription and queues QoS 1 and 2 messages while the"
                    + " app is away (under the client id); clean: a new session on every connect, nothing kept.");
    static final Option<String> CLIENT_ID = Option.string("clientId").pattern(".{1,256}",
                    "1 to 256 characters")
            .description("The client id of the subscription, which names its session at the broker. Defaults to"
                    + " <app>.<route> (stable while the app and route keep their names); a clean session gets a"
                    + " random one when absent.")
            .example("orders-app.sensor-readings");
    static final Option<Boolean> RETAIN = Option.bool("retain").defaultValue(false)
            .description("Publish as retained: the broker keeps the last message of the topic and hands it to"
                    + " every new subscriber.");

    /** Each adapter's codes are in its own namespace ({@code MQTT-001}, {@code MQTT3-001}): one owner per namespace. */
    final ProblemCode noTopic = new PluginProblemCode(namespace(), 1, "a use of an MQTT system names no topic");
    final ProblemCode wildcardTarget = new PluginProblemCode(namespace(), 2,
            "an MQTT target's topic holds a wildcard");
    final ProblemCode referenceNotAllowed = new PluginProblemCode(namespace(), 3,
            "an MQTT option that must be written as a value is a ${...} reference");
    final ProblemCode storesWithoutTls = new PluginProblemCode(namespace(), 4,
            "an MQTT system with a trust or key store says tls: false");

    /** The broker's bounds: short enough that a down broker is noticed quickly, long enough for a loaded machine. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;
    static final int RECONNECT_MAX_MILLIS = 5_000;

    /** The header the matched topic of a received message is in (Camel's own {@code CamelMqttTopic} never leaves). */
    public static final String TOPIC_HEADER = "MqttTopic";
    public static final String QOS_HEADER = "MqttQos";
    public static final String RETAINED_HEADER = "MqttRetained";

    private String namespace() {
        return name().toUpperCase(java.util.Locale.ROOT);
    }

    /** The Paho component class of this protocol version. */
    protected abstract Class<?> componentType();

    /** "5" or "3": what {@link MqttOutbound} and {@link MqttProbe} speak. */
    protected abstract String protocol();

    /** Capabilities beyond what every MQTT source and target has. */
    protected abstract Set<Capability> headerCapabilities();

    /** Source options beyond the shared ones (MQTT 5's session expiry). */
    protected List<Option<?>> extraSourceOptions() {
        return List.of();
    }

    /** Properties of the system's component beyond the shared ones. */
    protected void componentProperties(Map<String, String> properties) {
    }

    /** Parameters of the consumer's URI that keep a session for this protocol version. */
    protected abstract void sessionParams(EndpointUri uri, EndpointRef use, boolean persistent);

    @Override
    public List<Option<?>> systemOptions() {
        List<Option<?>> options = new ArrayList<>(List.of(HOST, PORT, TlsSettings.TLS, USER, PASSWORD, TOPIC));
        options.addAll(TlsSettings.OPTIONS);
        return options;
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(noTopic, wildcardTarget, referenceNotAllowed, storesWithoutTls);
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Subscriber());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Publisher());
    }

    /** The system's broker as a Camel component of its own, and the probe the kernel checks it with. */
    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        Map<String, String> props = new LinkedHashMap<>();
        boolean tls = TlsSettings.wanted(system);
        props.put("brokerUrl", (tls ? "ssl://" : "tcp://") + ctx.text(system, HOST) + ":" + ctx.text(system, PORT));
        if (tls) {
            // the shared TLS context's sockets: Paho's own factory would neither read PEM nor check host names
            props.put("socketFactory", TlsSettings.contributeSocketFactory(system, ctx));
        }
        String user = ctx.text(system, USER);
        if (user != null) {
            props.put("userName", user);
        }
        // {{secret:NAME}} / {{env:NAME}}: Camel resolves it when it builds the bean, the files keep the placeholder
        String password = ctx.text(system, PASSWORD);
        if (password != null) {
            props.put("password", password);
        }
        props.put("connectionTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.put("automaticReconnect", "true");
        props.put("maxReconnectDelay", String.valueOf(RECONNECT_MAX_MILLIS));
        // a publisher connects on its first message, so a broker that is down at start does not stop the app
        props.put("lazyStartProducer", "true");
        componentProperties(props);
        String component = componentName(system, ctx);
        ctx.addBean(component, componentType(), props);
        ctx.addBean(ctx.systemBean(system) + ".probe", MqttProbe.class, Map.of("system", system.name(),
                "adapter", name(), "protocol", protocol(), "component", "#bean:" + component));
    }

    /**
     * The component's bean name, which is the URI scheme of the system's endpoints: {@code system.<name>} with '_'
     * (not allowed in a URI scheme) as '.', which no system name holds, so two systems never share one.
     */
    static String componentName(SystemDecl system, CompileContext ctx) {
        return ctx.systemBean(system).replace('_', '.');
    }

    @Override
    public void check(SystemDecl system, Problems problems) {
        OptionValue topic = system.option(TOPIC.name());
        if (topic != null && topic.value() == null) {
            problems.error(noTopic, topic.pos(), "topic is empty", "write a topic, e.g. sensors/kitchen");
        }
        TlsSettings.checkSwitch(system, problems, referenceNotAllowed, storesWithoutTls);
    }

    /** The use's topic, else the system's; null when neither names one (reported by {@link #checkTopic}). */
    static String topicText(SystemDecl system, EndpointRef use) {
        String own = TOPIC.text(use);
        return own != null ? own : TOPIC.text(system);
    }

    private void checkTopic(SystemDecl system, EndpointRef use, Problems problems, boolean publishing) {
        String topic = topicText(system, use);
        if (topic == null) {
            problems.error(noTopic, use.pos(), "no topic for system '" + system.name() + "'",
                    "write topic: on the system or on this use, e.g. {system: " + system.name()
                            + ", topic: sensors/kitchen}");
        } else if (publishing && !References.containsReference(topic)
                && (topic.contains("+") || topic.contains("#"))) {
            OptionValue where = use.option(TOPIC.name()) != null ? use.option(TOPIC.name())
                    : system.option(TOPIC.name());
            problems.error(wildcardTarget, where.pos(), "topic '" + topic + "' holds a wildcard, but a message is"
                    + " published to one topic", "name the topic to publish to without '+' or '#'");
        }
    }

    /** A topic as an endpoint path: '%' would be read as an escape, so it is written as one. */
    static String topicPath(String topic) {
        return topic.replace("%", "%25");
    }

    private String channelTransport(SystemDecl system) {
        return name() + "://" + HOST.text(system) + ":" + PORT.text(system);
    }

    /** The route whose {@code from:} is this use, when the use is a route's (a section may derive its own). */
    private static Optional<RouteDecl> routeOf(EndpointRef use, CompileContext ctx) {
        return ctx.document().routes().stream().filter(r -> r.from() == use).findFirst();
    }

    /**
     * The client id a persistent subscription keeps its session under: the use's {@code clientId}, else
     * {@code <app>.<route>} (or {@code <app>.<system>} for a use that belongs to no route), the same at every start.
     */
    static String derivedClientId(SystemUse use, CompileContext ctx) {
        String owner = routeOf(use.use(), ctx).map(RouteDecl::name).orElse(use.systemName());
        return ctx.document().name() + "." + owner;
    }

    private final class Subscriber implements SourceRole {
        @Override
        public List<Option<?>> options() {
            List<Option<?>> options = new ArrayList<>(List.of(TOPIC, QOS, SESSION, CLIENT_ID));
            options.addAll(extraSourceOptions());
            return options;
        }

        /**
         * Durable with its defaults (QoS 1, a persistent session): the broker queues what arrives while the app is
         * away. A use with {@code session: clean} or {@code qos: 0} is not.
         */
        @Override
        public Set<Capability> capabilities() {
            Set<Capability> capabilities = new java.util.HashSet<>(Set.of(Capability.REMOTE_SERVER,
                    Capability.DURABLE, Capability.CHECKED_AT_START));
            capabilities.addAll(headerCapabilities());
            return Set.copyOf(capabilities);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            checkTopic(system, use, problems, false);
            checkSourceUse(use, problems);
        }

        /**
         * One topic filter of one broker; two uses clash only when they share an explicit client id (each use's
         * derived id is its own), since every subscription of MQTT gets every message.
         */
        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            String topic = topicText(system, use);
            if (topic == null) {
                return Optional.empty();
            }
            String clientId = CLIENT_ID.text(use);
            String qualifier = clientId != null ? clientId : "use at " + use.pos();
            return Optional.of(new Channel(channelTransport(system), topic, qualifier,
                    name() + " topic '" + topic + "'" + (clientId == null ? "" : " as client " + clientId)));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            EndpointRef ref = use.use();
            String topic = ctx.text(ref.option(TOPIC.name()), ctx.text(use.system(), TOPIC));
            boolean persistent = "persistent".equals(SESSION.of(ref));
            EndpointUri uri = EndpointUri.of(componentName(use.system(), ctx), topicPath(topic))
                    .param("qos", ctx.text(ref, QOS));
            String clientId = ctx.text(ref, CLIENT_ID);
            if (clientId == null && persistent) {
                clientId = derivedClientId(use, ctx);
            }
            uri.userParam("clientId", clientId);
            sessionParams(uri, ref, persistent);
            return uri.toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            String name = "mqtt-in-" + use.systemName();
            ctx.addBean(name, MqttInbound.class, List.of(use.systemName()), Map.of());
            route.process(name);
        }
    }

    /** Checks of a source use beyond the topic, for the protocol version's own options. */
    protected void checkSourceUse(EndpointRef use, Problems problems) {
    }

    private final class Publisher implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of(TOPIC, QOS, RETAIN);
        }

        @Override
        public Set<Capability> capabilities() {
            Set<Capability> capabilities = new java.util.HashSet<>(Set.of(Capability.REMOTE_SERVER,
                    Capability.CHECKED_AT_START));
            capabilities.addAll(headerCapabilities());
            return Set.copyOf(capabilities);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            checkTopic(system, use, problems, true);
        }

        @Override
        public Optional<Channel> feeds(SystemDecl system, EndpointRef use) {
            String topic = topicText(system, use);
            return topic == null ? Optional.empty()
                    : Optional.of(new Channel(channelTransport(system), topic, null,
                            name() + " topic '" + topic + "'"));
        }

        /**
         * The body goes out as JSON (MQTT 5: with the envelope as user properties and the correlation id as
         * correlation data); Paho's publish returns once the broker acknowledged it at the use's QoS, so a failure
         * is the route's (retry, dead letter). The route's message is unchanged afterwards.
         */
        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            EndpointRef ref = use.use();
            String topic = ctx.text(ref.option(TOPIC.name()), ctx.text(use.system(), TOPIC));
            String outbound = "mqtt" + protocol() + "-out";
            ctx.addBean(outbound, MqttOutbound.class, Map.of("mqtt5", String.valueOf("5".equals(protocol()))));
            ctx.addBean("mqtt-out-done", MqttOutboundDone.class, Map.of());
            block.process(outbound);
            block.to(EndpointUri.of(componentName(use.system(), ctx), topicPath(topic))
                    .param("qos", ctx.text(ref, QOS)).param("retained", ctx.text(ref, RETAIN)).toString());
            block.process("mqtt-out-done");
        }
    }
}
