package io.unikernal.translate.section;

import io.unikernal.translate.spi.TranslationKinds;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.Shape;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.ValueKind;
import java.time.Duration;
import java.util.List;

/** The one declaration of {@code translations:}: its keys (for the parser, schema and reference) and problem codes. */
final class TranslationsSpec {

    static final String EXPOSE = "expose";
    static final String TARGET = "target";

    static final Option<String> NAME = Option.string("name").required()
            .pattern("[A-Za-z][A-Za-z0-9_-]*", "a name of letters, digits, '-' and '_' that starts with a letter")
            .description("The translation's name; its route is translation-<name>.").example("payments-rest");
    static final Option<Object> SYSTEM = Option.of("system", ValueKind.SYSTEM_REF).required()
            .description("A system declared under systems:.").example("api");
    static final Option<String> PATH = Option.string("path").defaultValue("/")
            .pattern("/[A-Za-z0-9._~/-]*", "a path of letters, digits and '/._~-' that starts with '/'")
            .description("Appended to the exposing system's path; the translation serves every path under it.")
            .example("/payments");
    static final Option<Duration> TIMEOUT = Option.duration("timeout")
            .description("The longest one call may take, sent as its deadline; a caller's shorter deadline"
                    + " (grpc-timeout) wins. None of its own when absent.").example("5s");

    // a bridge's uses of its systems: the adapters' own source and target options, checked by those adapters
    static final Option<String> QUEUE = Option.string("queue")
            .description("A bridge's RabbitMQ queue: consumed when exposed (amqp), declared and bound when a target.")
            .example("orders.in");
    static final Option<String> EXCHANGE = Option.string("exchange")
            .description("A bridge's RabbitMQ exchange: the one its queue is bound to when exposed, the one published"
                    + " to when a target (required there; default is AMQP's default exchange).").example("orders");
    static final Option<String> ROUTING_KEY = Option.string("routingKey")
            .description("A bridge's RabbitMQ routing key: the queue's binding key when exposed, each message's"
                    + " routing key when a target.").example("order.created");
    static final Option<Object> DEAD_LETTER = Option.of("deadLetter", ValueKind.SYSTEM_REF)
            .description("A bridge's dead letter, as a route's: a message the target refuses goes there with its"
                    + " reason, and the source moves on.").example("rejected");
    // an MQTT translation's uses of its broker: the mqtt adapters' own source and target options, checked by them
    static final Option<String> TOPIC = Option.string("topic")
            .description("An MQTT translation's topic: the filter subscribed to when exposed (protocol mqtt, '+' and"
                    + " '#' wildcards), the topic published to when a target (a template: {path}, {1}, {2}, ... the"
                    + " request path's segments as topic levels).").example("sensors/+/temperature");
    static final Option<Integer> QOS = Option.integer("qos").range(0, 2)
            .description("An MQTT translation's quality of service, 0, 1 or 2 (1 by default): of the subscription"
                    + " when exposed, of each publish when a target.").example("1");
    static final Option<Boolean> RETAIN = Option.bool("retain")
            .description("An MQTT target's retained flag (false by default).").example("false");
    static final Option<String> SESSION = Option.string("session")
            .description("An exposed MQTT subscription's session: persistent (the default) or clean.")
            .example("persistent");
    static final Option<String> CLIENT_ID = Option.string("clientId")
            .description("An exposed MQTT subscription's client id (its session's name at the broker).")
            .example("hooks.sensors");
    static final List<Option<?>> USE_OPTIONS = List.of(QUEUE, EXCHANGE, ROUTING_KEY, TOPIC, QOS, RETAIN, SESSION,
            CLIENT_ID);

    private static final TranslationKinds KINDS = TranslationKinds.installed();
    static final Option<String> PROTOCOL = protocolOption(KINDS.protocols());

    static final ProblemCode NO_KIND = new PluginProblemCode("TRANSLATE", 1,
            "no installed translation exposes this protocol for the target's adapter");
    static final ProblemCode PATH_CLASH = new PluginProblemCode("TRANSLATE", 2,
            "a translation's path is served by a route or another translation too");
    static final List<ProblemCode> CODES = List.of(NO_KIND, PATH_CLASH);

    private final UdlKey key;

    TranslationsSpec() {
        Shape.Struct expose = new Shape.Struct("translation-expose", "expose", "Where callers reach the"
                + " translation: a system that serves, the protocol it speaks there and a path.",
                with(List.of(SYSTEM.key(), PROTOCOL.key(), PATH.key(), QUEUE.key(), EXCHANGE.key(),
                        ROUTING_KEY.key(), TOPIC.key(), QOS.key(), SESSION.key(), CLIENT_ID.key()),
                        KINDS.exposeKeys()), false);
        Shape.Struct target = new Shape.Struct("translation-target", "target", "The system called: its contract"
                + " (e.g. its .proto file) gives the methods and message types; a bridge's target takes where it"
                + " publishes.", with(List.of(SYSTEM.key(), QUEUE.key(), EXCHANGE.key(), ROUTING_KEY.key(),
                TOPIC.key(), QOS.key(), RETAIN.key()), KINDS.targetKeys()), false);
        Shape.Struct item = new Shape.Struct("translation", "translation", "One translation: a caller speaking the"
                + " exposed protocol calls the target in its own, the mapping derived from the target's contract.",
                with(List.of(NAME.key(), UdlKey.of(EXPOSE, expose, "Where callers reach the translation.",
                        "{system: api, protocol: rest, path: /payments}").asRequired(),
                        UdlKey.of(TARGET, target, "The system called.", "{system: payments}").asRequired(),
                        TIMEOUT.key(), DEAD_LETTER.key()), KINDS.itemKeys()), false);
        key = UdlKey.of("translations", new Shape.ListOf(item), "Protocol translations (UPT): expose one protocol,"
                + " call another, the mapping derived from the called system's contract (docs/translators.md).",
                "[{name: payments-rest, expose: {system: api, protocol: rest, path: /payments}, target: {system:"
                        + " payments}}]");
    }

    /** The section's own keys, then the kinds' (a kind cannot redefine one of the section's). */
    private static List<UdlKey> with(List<UdlKey> own, List<UdlKey> kinds) {
        List<UdlKey> all = new java.util.ArrayList<>(own);
        kinds.stream().filter(k -> own.stream().noneMatch(o -> o.name().equals(k.name()))).forEach(all::add);
        return List.copyOf(all);
    }

    /** The protocol exposed; its allowed values are those of the installed kinds. */
    private static Option<String> protocolOption(List<String> protocols) {
        Option<String> option = Option.string("protocol").defaultValue("rest")
                .description("The protocol callers speak: " + String.join(", ", protocols) + ".").example("rest");
        return protocols.isEmpty() ? option : option.allowed(protocols.toArray(String[]::new));
    }

    UdlKey key() {
        return key;
    }
}
