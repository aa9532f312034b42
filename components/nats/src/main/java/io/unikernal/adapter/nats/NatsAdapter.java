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
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.ExchangePattern;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code nats}: a subject of NATS core (camel-nats over the system's one connection). As a source it subscribes,
 * alone or in a queue group (each message to one member), and answers a request — a message with a reply subject —
 * with the route's final body; a message published one-way gets no answer. As a target it publishes, or with
 * {@code request: true} sends a request and takes the reply as the body, bounded by the route's timeout. Core NATS
 * keeps nothing: a message published while no subscriber listens is gone (use {@code nats-jetstream} to keep
 * messages). The envelope travels in NATS headers: {@code X-Correlation-Id} and {@code Udm*}.
 */
public final class NatsAdapter implements Adapter {

    static final Option<String> SUBJECT = Option.string("subject").required().pattern(Subjects.REGEX, Subjects.RULE)
            .description("The subject: a source subscribes to it ('*' and '>' match tokens), a target publishes to"
                    + " it (no wildcards).")
            .example("orders.created");
    static final Option<String> QUEUE_GROUP = Option.string("queueGroup").pattern("[A-Za-z0-9_-]+",
                    "a name of letters, digits, '_' and '-'")
            .description("Subscribe as a member of this queue group: each message goes to one member (of every app"
                    + " and route that joins it) instead of to each subscriber.")
            .example("order-workers");
    static final Option<Boolean> CONFIRM = Option.bool("confirm").defaultValue(true)
            .description("Wait until the server has each published message (one round trip), so a publish while the"
                    + " server goes away fails and is retried; false publishes without waiting, faster, and may lose"
                    + " a message sent as the server stops. Subscribers that are not connected miss it either way.");
    static final Option<Boolean> REQUEST = Option.bool("request").defaultValue(false)
            .description("Send a request and wait for the reply, which becomes the message's body (JSON); bounded"
                    + " by the route's timeout (20 s without one). A request no subscriber takes fails at once.");

    /** A target publishes to one subject: a wildcard is for subscribers only. */
    static final ProblemCode WILDCARD_TARGET = new PluginProblemCode("NATS", 1,
            "a NATS target's subject holds a wildcard");

    private static final AdapterInfo INFO = new AdapterInfo("nats",
            "Publishes to, subscribes to (with queue groups) and requests on NATS core subjects (camel-nats);"
                    + " nothing is kept for a subscriber that is not there.",
            "io.unikernal:unikernal-components-nats");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        List<Option<?>> options = new ArrayList<>(NatsSystems.CONNECTION);
        options.add(SUBJECT);
        return options;
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(WILDCARD_TARGET);
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Subscriber());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Publisher());
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        NatsSystems.contribute(system, name(), ctx, Map.of());
    }

    private static EndpointUri endpoint(SystemDecl system, CompileContext ctx) {
        return NatsSystems.subjectEndpoint(system, ctx.text(system, SUBJECT), ctx);
    }

    private static Channel channel(SystemDecl system, String queueGroup) {
        String subject = SUBJECT.text(system);
        return new Channel("nats", NatsSystems.SERVERS.text(system) + " " + subject, queueGroup,
                "nats subject '" + subject + "'" + (queueGroup == null ? "" : " (queue group " + queueGroup + ")"));
    }

    /** Reports a target use of a subject with a wildcard, at the subject's position. */
    static void checkPublishable(SystemDecl system, Option<String> subject, Problems problems) {
        OptionValue value = system.option(subject.name());
        if (value != null && value.value() instanceof String text && Subjects.hasWildcard(text)) {
            problems.error(WILDCARD_TARGET, value.pos(), "cannot publish to '" + text + "' of system "
                    + system.name() + ": a wildcard matches subjects, it names none",
                    "give the system a subject without '*' and '>' to publish to");
        }
    }

    private static final class Subscriber implements SourceRole {
        @Override
        public List<Option<?>> options() {
            return List.of(QUEUE_GROUP);
        }

        /** A request (a message with a reply subject) is answered with the route's final body. */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START, Capability.NATIVE_HEADERS,
                    Capability.REQUEST_REPLY);
        }

        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            return Optional.of(channel(system, QUEUE_GROUP.of(use)));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            // replies go through NatsReplyPublisher (with the correlation id), not camel-nats' body-only reply
            return endpoint(use.system(), ctx).userParam("queueName", ctx.text(use.use(), QUEUE_GROUP))
                    .param("replyToDisabled", true).toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            ctx.addBean("nats-reply-subject", NatsReplySubject.class, Map.of());
            route.process("nats-reply-subject");
            StandardNodes.normalizeJson(use.systemName(), route, ctx);
        }

        @Override
        public void denormalizeReply(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            String name = "nats-reply-" + use.systemName();
            ctx.addBean(name, NatsReplyPublisher.class, Map.of("connection", "#bean:" + ctx.systemBean(use.system())));
            block.process(name);
        }
    }

    private static final class Publisher implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of(REQUEST, CONFIRM);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START, Capability.NATIVE_HEADERS,
                    Capability.CLIENT_TIMEOUT);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            checkPublishable(system, SUBJECT, problems);
        }

        @Override
        public Optional<Channel> feeds(SystemDecl system, EndpointRef use) {
            return Optional.of(channel(system, null));
        }

        /**
         * A publish hands the message to the server and, unless {@code confirm: false}, waits until the server has it;
         * it fails at once while disconnected, so the route's retry carries it over an outage. A request waits for the
         * reply up to the route's timeout.
         */
        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            ctx.addBean("nats-prepare", NatsMessagePreparer.class, Map.of());
            block.process("nats-prepare");
            EndpointUri uri = endpoint(use.system(), ctx);
            if (Boolean.TRUE.equals(REQUEST.of(use.use()))) {
                use.timeout().ifPresent(timeout -> uri.param("requestTimeout", Math.max(1, timeout.toMillis())));
                block.to(ExchangePattern.InOut, uri.toString());
                StandardNodes.parseJson(block, ctx);
            } else {
                block.to(ExchangePattern.InOnly, uri.toString());
                boolean confirm = !Boolean.FALSE.equals(CONFIRM.of(use.use()));
                String published = confirm ? "nats-published-" + use.systemName() : "nats-published";
                ctx.addBean(published, NatsPublished.class, confirm
                        ? Map.of("connection", "#bean:" + ctx.systemBean(use.system())) : Map.of());
                block.process(published);
            }
        }
    }
}
