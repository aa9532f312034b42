package io.unikernal.adapter.redis;

import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code redis-streams}: a Redis stream as a durable source and as a target, through this module's Camel component
 * {@code redis-streams} (no Camel component reads streams in consumer groups). A route reads in a consumer group
 * (the app's name unless {@code group} says otherwise) as the consumer {@code consumer} (the host's name unless
 * set): an entry is acknowledged only once the route finished it — delivered or dead-lettered — and entries another
 * consumer left pending for {@code reclaimIdle} (it was killed) are taken over, so nothing is lost. A target appends
 * entries, optionally trimming the stream to about {@code maxLength}. The envelope travels as entry fields next to
 * the {@code payload} field: {@code X-Correlation-Id}, {@code UdmSchema}, {@code UdmSchemaVersion}.
 */
public final class RedisStreamsAdapter extends RedisSystemAdapter {

    static final String NAME = "redis-streams";

    static final Option<String> STREAM = Option.string("stream").required()
            .pattern(RedisSystem.NAME_PATTERN, RedisSystem.NAME_RULE)
            .description("The key of the stream.").example("orders");
    static final Option<String> CONSUMER = Option.string("consumer")
            .pattern("[^\\s]+", "a name without spaces")
            .description("This app instance's consumer name in its groups: keep it stable across restarts of the same"
                    + " instance (it then resumes its own pending entries at once) and different between instances,"
                    + " e.g. ${env:HOSTNAME}. The host's name when absent.")
            .example("${env:POD_NAME}");

    static final Option<String> GROUP = Option.string("group")
            .pattern("[^\\s]+", "a name without spaces")
            .description("The consumer group the route reads in; the app's name when absent. Instances of one app"
                    + " share the group's entries, other apps (other groups) each get every entry.");
    static final Option<String> GROUP_START = Option.string("groupStart").defaultValue("beginning")
            .allowed("beginning", "end")
            .description("Where a group that does not exist yet starts: the stream's first entry, or only entries added"
                    + " after the route started.");
    static final Option<Integer> BATCH_SIZE = Option.integer("batchSize").defaultValue(10).range(1, 10_000)
            .description("The most entries one read returns (XREADGROUP COUNT); they are processed one after the"
                    + " other.");
    static final Option<Duration> BLOCK = Option.duration("block").defaultValue(Duration.ofSeconds(1))
            .description("How long one read waits for new entries (XREADGROUP BLOCK); the longest a stop waits for"
                    + " the consumer.");
    static final Option<Duration> RECLAIM_IDLE = Option.duration("reclaimIdle").defaultValue(Duration.ofMinutes(1))
            .description("How long an entry stays pending with a consumer that does not acknowledge it (it was"
                    + " killed, or its route failed) before another consumer takes it over (XAUTOCLAIM). Longer than"
                    + " the route ever takes for one entry, or a slow entry is processed twice.");
    static final Option<Duration> RECLAIM_INTERVAL = Option.duration("reclaimInterval")
            .defaultValue(Duration.ofSeconds(5))
            .description("How often the consumer looks for entries to take over.");

    static final Option<Integer> MAX_DELIVERIES = Option.integer("maxDeliveries").defaultValue(10).range(1, 1000)
            .description("How many times an entry may be delivered: one whose consumers ended (were killed) every time"
                    + " they held it comes again after each reclaimIdle; past this count it goes to the dead letter"
                    + " with the reason, without running the route again.");

    static final Option<Long> MAX_LENGTH = Option.longInteger("maxLength").range(1, Long.MAX_VALUE)
            .description("Trim the stream to about this many entries on every XADD (MAXLEN); unbounded when absent."
                    + " Entries trimmed before a group read them are lost to it: size it for the longest outage of"
                    + " the readers.").example("100000");
    static final Option<String> TRIM = Option.string("trim").defaultValue("approximate")
            .allowed("approximate", "exact")
            .description("approximate (MAXLEN ~): Redis trims whole nodes, cheaply, keeping a few more entries than"
                    + " maxLength; exact: exactly maxLength, at a cost on every XADD. Only with maxLength.");

    private static final AdapterInfo INFO = new AdapterInfo(NAME,
            "Redis Streams as a durable source (consumer groups, acknowledged once the route finished an entry,"
                    + " entries of a crashed consumer taken over with XAUTOCLAIM) and as a target (XADD with an"
                    + " approximate max length), through Unikernal's own Camel component redis-streams over Jedis.",
            "io.unikernal:unikernal-components-redis");

    public RedisStreamsAdapter() {
        super(INFO, STREAM, CONSUMER);
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Reader());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Writer());
    }

    private static EndpointUri endpoint(SystemDecl system, CompileContext ctx) {
        return EndpointUri.of(NAME, ctx.text(system, STREAM)).param("connection", RedisSystem.connection(system, ctx));
    }

    private static Channel channel(SystemDecl system, String group) {
        String stream = STREAM.text(system);
        return new Channel(NAME, RedisSystem.address(system) + "/" + stream, group, "redis stream '" + stream + "'"
                + (group == null ? "" : " (group " + group + ")"));
    }

    private static final class Reader implements SourceRole {
        @Override
        public List<Option<?>> options() {
            return List.of(GROUP, GROUP_START, BATCH_SIZE, BLOCK, RECLAIM_IDLE, RECLAIM_INTERVAL, MAX_DELIVERIES);
        }

        /** Entries wait in the stream while the app is stopped; the envelope is in entry fields. */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.DURABLE, Capability.NATIVE_HEADERS,
                    Capability.CHECKED_AT_START);
        }

        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            // the app's name is not known here; uses without a group share the app's group
            String group = GROUP.of(use);
            return Optional.of(channel(system, group == null ? "(the app's group)" : group));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            EndpointRef from = use.use();
            return endpoint(use.system(), ctx)
                    .userParam("group", from.option(GROUP.name()) == null ? ctx.document().name()
                            : ctx.text(from, GROUP))
                    .userParam("consumerName", ctx.text(use.system(), CONSUMER))
                    .userParam("groupStart", ctx.text(from, GROUP_START))
                    .userParam("batchSize", ctx.text(from, BATCH_SIZE))
                    .userParam("block", RedisSystem.millis(ctx, from, BLOCK))
                    .userParam("reclaimIdle", RedisSystem.millis(ctx, from, RECLAIM_IDLE))
                    .userParam("reclaimInterval", RedisSystem.millis(ctx, from, RECLAIM_INTERVAL))
                    .toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            String name = "normalize-" + use.systemName();
            ctx.addBean(name, RedisEntryNormalizer.class, List.of(use.systemName()),
                    Map.of("maxDeliveries", ctx.text(use.use(), MAX_DELIVERIES)));
            route.process(name);
        }
    }

    private static final class Writer implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of(MAX_LENGTH, TRIM);
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
            OptionValue trim = use.option(TRIM.name());
            if (trim != null && use.option(MAX_LENGTH.name()) == null) {
                problems.warning(UdlErrorCode.BAD_OPTION, trim.pos(), "trim has no effect without maxLength",
                        "add maxLength: <entries to keep>, or leave trim out");
            }
        }

        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            ctx.addBean("redis-stream-entry", RedisEntryPreparer.class, Map.of());
            block.process("redis-stream-entry");
            EndpointRef to = use.use();
            EndpointUri uri = endpoint(use.system(), ctx).userParam("maxLength", ctx.text(to, MAX_LENGTH));
            if (to.option(MAX_LENGTH.name()) != null) {
                uri.param("approximateTrim", !"exact".equals(TRIM.of(to)));
            }
            block.to(uri.toString());
        }
    }
}
