package io.unikernal.adapter.redis;

import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code redis-pubsub}: a Redis channel, through this module's Camel component {@code redis-pubsub}. A route
 * subscribes ({@code SUBSCRIBE}, or {@code PSUBSCRIBE} with {@code pattern: true}); a target publishes. Not durable,
 * and declared so: Redis hands a message only to the subscribers connected at that moment, so what is published while
 * the app is stopped or re-subscribing after a server restart is never received. A message is its body as JSON,
 * with no envelope (a channel carries no headers); {@code requireSubscriber} turns a publish nobody received into a
 * failure the route retries or dead-letters.
 */
public final class RedisPubSubAdapter extends RedisSystemAdapter {

    static final String NAME = "redis-pubsub";

    static final Option<String> CHANNEL = Option.string("channel").required()
            .pattern(RedisSystem.NAME_PATTERN, RedisSystem.NAME_RULE)
            .description("The channel; with a source's pattern: true, a glob pattern of channels (news.*).")
            .example("prices");
    static final Option<Boolean> PATTERN = Option.bool("pattern").defaultValue(false)
            .description("Subscribe to every channel the system's channel matches as a glob pattern (PSUBSCRIBE).");
    static final Option<Boolean> REQUIRE_SUBSCRIBER = Option.bool("requireSubscriber").defaultValue(false)
            .description("Fail a publish that no subscriber received, so the route's retry and dead letter take it;"
                    + " by default it succeeds and reaches nobody.");

    private static final AdapterInfo INFO = new AdapterInfo(NAME,
            "Redis publish/subscribe: SUBSCRIBE (or PSUBSCRIBE) as a source that is not durable, PUBLISH as a target;"
                    + " Unikernal's own Camel component redis-pubsub over Jedis.",
            "io.unikernal:unikernal-components-redis");

    public RedisPubSubAdapter() {
        super(INFO, CHANNEL);
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Subscriber());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Publisher());
    }

    private static EndpointUri endpoint(SystemDecl system, CompileContext ctx) {
        return EndpointUri.of(NAME, ctx.text(system, CHANNEL)).param("connection", RedisSystem.connection(system, ctx));
    }

    private static Channel channel(SystemDecl system) {
        String channel = CHANNEL.text(system);
        return Channel.queue(NAME, RedisSystem.address(system) + "/" + channel);
    }

    private static final class Subscriber implements SourceRole {
        @Override
        public List<Option<?>> options() {
            return List.of(PATTERN);
        }

        /** Not durable, no native headers: a message is its body alone, received only while subscribed. */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START);
        }

        /** Two subscribers of one channel each get every message: they do not clash, so no channel to compare. */
        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            return Optional.empty();
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            return endpoint(use.system(), ctx).userParam("pattern", ctx.text(use.use(), PATTERN)).toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            StandardNodes.normalizeJson(use.systemName(), route, ctx);
        }
    }

    private static final class Publisher implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of(REQUIRE_SUBSCRIBER);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START);
        }

        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            ctx.addBean("redis-publish-body", RedisPublishPreparer.class, Map.of());
            block.process("redis-publish-body");
            block.to(endpoint(use.system(), ctx).userParam("requireSubscriber",
                    ctx.text(use.use(), REQUIRE_SUBSCRIBER)).toString());
        }
    }
}
