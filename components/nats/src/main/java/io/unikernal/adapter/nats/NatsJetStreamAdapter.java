package io.unikernal.adapter.nats;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.ExchangePattern;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code nats-jetstream}: a JetStream stream. As a target it publishes to the system's subject and waits for the
 * stream's acknowledgement (camel-nats with {@code jetstreamEnabled}), with a message id the stream de-duplicates a
 * retried publish by. As a source it reads through a durable consumer and acknowledges a message only once the route
 * finished it — delivered or kept by its dead letter — so messages published while the app is stopped, or that it was
 * working on when it stopped, are delivered when it runs again (this module's {@code nats-jetstream} Camel component;
 * see {@link io.unikernal.adapter.nats.jetstream.JetStreamComponent} for why not camel-nats'). The stream is used as
 * it exists; a missing one is created at start when {@code createStream} allows.
 */
public final class NatsJetStreamAdapter implements Adapter {

    static final Option<String> STREAM = Option.string("stream").required().pattern("[A-Za-z0-9_-]+",
                    "a stream name of letters, digits, '_' and '-'")
            .description("The stream's name.").example("ORDERS");
    static final Option<String> SUBJECT = Option.string("subject").required().pattern(Subjects.REGEX, Subjects.RULE)
            .description("The subject a target publishes to (no wildcards); a source reads the stream's messages of"
                    + " the subjects it matches ('*', '>'). The stream must capture it.")
            .example("orders.created");
    static final Option<Boolean> CREATE_STREAM = Option.bool("createStream").defaultValue(true)
            .description("Create the stream at start if it does not exist, capturing the subject. An existing stream"
                    + " is used as it is, never changed.");
    static final Option<String> STORAGE = Option.string("storage").defaultValue("file").allowed("file", "memory")
            .description("Where a stream the system creates keeps its messages; file survives a server restart.");

    static final Option<String> DURABLE = Option.string("durable").pattern("[A-Za-z0-9_-]+",
                    "a name of letters, digits, '_' and '-'")
            .description("The durable consumer's name: every app and route that uses it shares its messages, and it"
                    + " remembers what was acknowledged while the app is stopped. Defaults to app-route.")
            .example("order-workers");
    static final Option<Duration> ACK_WAIT = Option.duration("ackWait").defaultValue(Duration.ofSeconds(30))
            .description("How long the server waits for an app that stopped answering (killed) before it delivers"
                    + " the message it held again; a message still in a route is not delivered twice.");
    static final Option<Integer> MAX_DELIVER = Option.integer("maxDeliver").defaultValue(5).range(1, 10_000)
            .description("How many times one message is delivered at most when the route does not finish it (the"
                    + " route's own retries and dead letter come first); it then stays in the stream, undelivered.");
    static final Option<Duration> REDELIVERY_DELAY = Option.duration("redeliveryDelay")
            .defaultValue(Duration.ofSeconds(1))
            .description("The wait before a message the route did not finish is delivered again; doubles each time,"
                    + " at most ackWait.");

    private static final AdapterInfo INFO = new AdapterInfo("nats-jetstream",
            "Publishes to and consumes JetStream streams: durable consumers, acknowledged after the route; the"
                    + " stream keeps messages while the app is stopped.",
            "io.unikernal:unikernal-components-nats");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        List<Option<?>> options = new ArrayList<>(NatsSystems.CONNECTION);
        options.addAll(List.of(STREAM, SUBJECT, CREATE_STREAM, STORAGE));
        return options;
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new DurableConsumer());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new StreamPublisher());
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        Map<String, String> probe = new LinkedHashMap<>();
        probe.put("stream", ctx.text(system, STREAM));
        probe.put("subject", ctx.text(system, SUBJECT));
        probe.put("createStream", ctx.text(system, CREATE_STREAM));
        probe.put("storage", ctx.text(system, STORAGE));
        NatsSystems.contribute(system, name(), ctx, probe);
    }

    private static String address(SystemDecl system) {
        return NatsSystems.SERVERS.text(system) + " " + STREAM.text(system);
    }

    /** The durable's name: the option, or the app's and route's names. */
    private static String durable(SystemUse use, CompileContext ctx) {
        String durable = ctx.text(use.use(), DURABLE);
        if (durable != null) {
            return durable;
        }
        RouteDecl route = NatsSystems.routeOf(use.use(), ctx);
        return NatsSystems.natsName(ctx.document().name() + (route == null ? "" : "-" + route.name()));
    }

    private static final class DurableConsumer implements SourceRole {
        @Override
        public List<Option<?>> options() {
            return List.of(DURABLE, ACK_WAIT, MAX_DELIVER, REDELIVERY_DELAY);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START, Capability.NATIVE_HEADERS,
                    Capability.DURABLE);
        }

        /** Two routes on one durable would share its messages: each route has its own unless named alike. */
        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            String durable = DURABLE.of(use);
            return Optional.of(new Channel("nats-jetstream", address(system), durable,
                    "stream '" + STREAM.text(system) + "'" + (durable == null ? "" : " (durable " + durable + ")")));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            RouteDecl route = NatsSystems.routeOf(use.use(), ctx);
            return EndpointUri.of("nats-jetstream", ctx.text(use.system(), STREAM))
                    .param("connection", "#bean:" + ctx.systemBean(use.system()))
                    .param("headerFilterStrategy", "#bean:" + NatsSystems.HEADER_FILTER)
                    .userParam("durable", durable(use, ctx))
                    .userParam("filterSubject", ctx.text(use.system(), SUBJECT))
                    .param("ackWait", millis(ACK_WAIT.of(use.use())))
                    .userParam("maxDeliver", ctx.text(use.use(), MAX_DELIVER))
                    .param("redeliveryDelay", millis(REDELIVERY_DELAY.of(use.use())))
                    // a message whose dead letter failed is not finished: the stream still has it, deliver it again
                    .param("redeliverUnkept", route != null && route.deadLetter() != null).toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            ctx.addBean("jetstream-correlation", JetStreamCorrelation.class, Map.of());
            route.process("jetstream-correlation");
            StandardNodes.normalizeJson(use.systemName(), route, ctx);
        }
    }

    private static long millis(Duration duration) {
        return Math.max(1, duration.toMillis());
    }

    private static final class StreamPublisher implements TargetRole {
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START, Capability.NATIVE_HEADERS,
                    Capability.CLIENT_TIMEOUT);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            NatsAdapter.checkPublishable(system, SUBJECT, problems);
        }

        @Override
        public Optional<Channel> feeds(SystemDecl system, EndpointRef use) {
            return Optional.of(new Channel("nats-jetstream", address(system), null,
                    "stream '" + STREAM.text(system) + "'"));
        }

        /**
         * Waits for the stream's acknowledgement (the route's timeout, else 20 s); a publish while disconnected or one
         * no stream takes fails, so the route's retry and dead letter apply.
         */
        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            String prepare = ctx.uniqueName("nats-prepare-" + use.systemName());
            ctx.addBean(prepare, NatsMessagePreparer.class, Map.of("callSite", prepare));
            block.process(prepare);
            EndpointUri uri = NatsSystems.subjectEndpoint(use.system(), ctx.text(use.system(), SUBJECT), ctx)
                    .param("jetstreamEnabled", true)
                    .userParam("jetstreamName", ctx.text(use.system(), STREAM));
            use.timeout().ifPresent(timeout -> uri.param("requestTimeout", millis(timeout)));
            block.to(ExchangePattern.InOnly, uri.toString());
            ctx.addBean("nats-published", NatsPublished.class, Map.of());
            block.process("nats-published");
        }
    }
}
