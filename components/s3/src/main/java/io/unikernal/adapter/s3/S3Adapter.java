package io.unikernal.adapter.s3;

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
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.notation.Durations;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.References;
import io.unikernal.udl.spec.ValueKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.language.ExchangePropertyExpression;
import org.apache.camel.model.language.LanguageExpression;

/**
 * {@code s3}: objects of an S3 bucket — on AWS or any S3-compatible store (an endpoint override, path-style access) —
 * as the source of routes and as a target that puts, gets, lists or deletes objects, over Camel's {@code aws2-s3}
 * component and the AWS SDK's synchronous client.
 *
 * <p><b>Source.</b> Camel's consumer lists the objects under the source's prefix (or the literal start of its glob)
 * and hands each to the route as a stream; the adapter's first node ({@link S3ObjectReceiver}) skips keys the glob
 * does not match, sets the envelope from the object's user metadata and parses JSON (or keeps the stream,
 * {@code format: raw}). Camel's own delete/move after read is off: it cannot tell a message the route dead-lettered
 * from one it delivered. {@link S3Settlement} decides once the route is done: moved to the done prefix (or deleted)
 * after success, moved to the failed prefix with the reason in its metadata after a failure — never deleted unread.
 *
 * <p><b>Target.</b> {@code operation: put} (the default) writes the message as an object (the envelope as
 * {@code x-amz-meta-udm-*} user metadata), uploading in parts of {@code partSize} so a streamed object is never held
 * whole; {@code get} reads one, {@code list} lists a prefix (filtered by a glob), {@code delete} deletes one. The key
 * is a CEL expression; a put without one names the object by the call's idempotency key, so a retried put writes one
 * object, once.
 *
 * <p><b>Credentials</b> are {@code ${secret:}} references in the system bean ({@link S3System}), never in an endpoint
 * URI; without them the AWS SDK's default chain applies. See docs/adapters-s3-notes.md.
 */
public final class S3Adapter implements Adapter {

    static final String NAME = "s3";

    static final Option<String> BUCKET = Option.string("bucket").required()
            .pattern("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", "an S3 bucket name: 3 to 63 lower-case letters, digits,"
                    + " '.' and '-'")
            .description("The bucket the system reads and writes.").example("orders-inbox");
    static final Option<String> ENDPOINT = Option.string("endpoint")
            .pattern("[Hh][Tt][Tt][Pp][Ss]?://[^\\s?&#]+", "an http(s) URL such as http://127.0.0.1:9000")
            .description("The URL of an S3-compatible store (MinIO, Ceph, S3Proxy, ...) instead of AWS's endpoint of"
                    + " the region; such stores usually need pathStyle: true.").example("http://127.0.0.1:9000");
    static final Option<String> REGION = Option.string("region").defaultValue("us-east-1")
            .pattern("[a-z0-9-]{2,32}", "an AWS region name such as eu-west-1")
            .description("The region of the bucket (and of AWS's endpoint).");
    static final Option<Boolean> PATH_STYLE = Option.bool("pathStyle").defaultValue(false)
            .description("Address buckets in the path (http://host/bucket/key) instead of the host name"
                    + " (http://bucket.host/key), as most S3-compatible stores want.");
    static final Option<String> ACCESS_KEY = Option.string("accessKey").secret().requires("secretKey")
            .description("The access key id; write it as ${secret:NAME} or ${env:NAME}. Without accessKey and"
                    + " secretKey the AWS SDK's default chain applies (environment, profile, instance role).");
    static final Option<String> SECRET_KEY = Option.string("secretKey").secret().requires("accessKey")
            .description("The secret access key; write it as ${secret:NAME} or ${env:NAME}.");
    static final Option<String> SESSION_TOKEN = Option.string("sessionToken").secret().requires("accessKey")
            .description("The session token of temporary credentials.");
    static final Option<Duration> CONNECT_TIMEOUT = Option.duration("connectTimeout").defaultText("10s")
            .description("How long the client waits for a connection to the store.");

    // source (from:) and list (to: with operation: list)
    static final Option<String> PREFIX = Option.string("prefix").excludes("glob")
            .pattern("[^\\p{Cntrl}]*", "key text without control characters").example("inbox/")
            .description("The key prefix read: a source takes every object under it; a list lists it.");
    static final Option<String> GLOB = Option.string("glob").excludes("prefix")
            .pattern("[^\\p{Cntrl}]*", "a glob without control characters (* is any part of a name, ** any names)")
            .example("\"inbox/**/*.json\"")
            .description("The keys read or listed, as a glob: * is any part of one name (no '/'), ** any number of"
                    + " names, ? one character. S3 lists the glob's literal start; keys there that the glob does not"
                    + " match are left alone.");
    static final Option<String> FORMAT = Option.string("format").defaultValue("json").allowed("json", "csv", "raw")
            .description("json: the object's content is the message's JSON payload (at most maxJsonBytes). csv: the"
                    + " content (at most maxJsonBytes) is CSV with a header row; the payload is a list of objects, one"
                    + " per row, column -> the cell's text (no types guessed), e.g. for a split by body; a row whose"
                    + " cells do not match the header fails the object. raw: the payload is the content as a stream,"
                    + " never held in memory whole, e.g. to put it elsewhere.");
    static final Option<Integer> MAX_JSON_BYTES = Option.integer("maxJsonBytes").defaultValue(16 << 20)
            .range(1, 1 << 30).description("The largest object read as JSON or CSV; a larger one fails its message.");
    static final Option<String> AFTER_READ = Option.string("afterRead").defaultValue("move").allowed("move", "delete")
            .description("What becomes of an object once its route succeeded: moved to donePrefix, or deleted. A"
                    + " failed object is always moved to failedPrefix.");
    static final Option<String> DONE_PREFIX = Option.string("donePrefix").defaultValue("done/")
            .pattern("[^\\p{Cntrl}]+", "key text without control characters")
            .description("Where a finished object goes: its key becomes donePrefix + key.");
    static final Option<String> FAILED_PREFIX = Option.string("failedPrefix").defaultValue("failed/")
            .pattern("[^\\p{Cntrl}]+", "key text without control characters")
            .description("Where an object whose route failed goes (failedPrefix + key), with the reason in its"
                    + " user metadata (x-amz-meta-unikernal-failure).");
    static final Option<Duration> POLL_INTERVAL = Option.duration("pollInterval").defaultText("1s")
            .description("How long the source waits between two listings of the bucket.");
    static final Option<Integer> MAX_PER_POLL = Option.integer("maxPerPoll").defaultValue(10).range(1, 50)
            .description("Objects one listing hands to the route at most (each holds a connection until done).");

    // target (to:, deadLetter:)
    static final Option<String> OPERATION = Option.string("operation").defaultValue("put")
            .allowed("put", "get", "list", "delete")
            .description("put writes the message as an object, get reads one (the route goes on with its content),"
                    + " list lists the objects under prefix or glob (the route goes on with [{key, size,"
                    + " lastModified, etag}]), delete deletes one.");
    static final Option<Object> KEY = Option.of("key", ValueKind.EXPRESSION)
            .description("CEL expression whose value is the object's key, e.g. \"'orders/' + id + '.json'\""
                    + " (headers.S3Key is the key of an object the route read). A get or delete needs it; a put"
                    + " without it names the object keyPrefix + the call's idempotency key (+ .json).")
            .example("\"'orders/' + id + '.json'\"");
    static final Option<String> KEY_PREFIX = Option.string("keyPrefix")
            .pattern("[^\\p{Cntrl}$]*", "key text without control characters or '$'").example("orders/")
            .description("The prefix of the keys a put names itself (without key).");
    static final Option<Integer> MAX_KEYS = Option.integer("maxKeys").defaultValue(100_000).range(1, 10_000_000)
            .description("The most objects a list answers; a list that matches more fails its message (narrow the"
                    + " prefix or glob, or raise it) rather than answering part of the list. S3 is asked 1000 keys a"
                    + " call, page after page.");
    static final Option<Integer> PART_SIZE = Option.integer("partSize").defaultValue(8 << 20)
            .range(5 << 20, 1 << 30).description("Bytes per part of a multipart upload; content of at least this"
                    + " size is uploaded in parts (S3 wants 5 MiB at least).");

    static final ProblemCode READS_ITS_OWN_MOVES = new PluginProblemCode("S3", 1,
            "a source whose done or failed prefix lies inside the keys it reads");
    static final ProblemCode NO_KEY = new PluginProblemCode("S3", 2, "a get or delete without a key");
    static final ProblemCode NOT_FOR_OPERATION = new PluginProblemCode("S3", 3,
            "an option the target's operation does not use");

    private static final AdapterInfo INFO = new AdapterInfo(NAME,
            "Objects of an S3 bucket, on AWS or any S3-compatible store (Camel aws2-s3): consumed objects move to a"
                    + " done prefix (or are deleted) once their route succeeded and to a failed prefix with the"
                    + " reason when it failed; put, get, list and delete as targets, large objects streamed in parts.",
            "io.unikernal:unikernal-components-s3");

    /** The options each target operation uses, beyond the system's. */
    private static final Map<String, Set<String>> OPERATION_OPTIONS = Map.of(
            "put", Set.of(KEY.name(), KEY_PREFIX.name(), PART_SIZE.name()),
            "get", Set.of(KEY.name(), FORMAT.name(), MAX_JSON_BYTES.name()),
            "list", Set.of(PREFIX.name(), GLOB.name(), MAX_KEYS.name()),
            "delete", Set.of(KEY.name()));

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of(BUCKET, ENDPOINT, REGION, PATH_STYLE, ACCESS_KEY, SECRET_KEY, SESSION_TOKEN, CONNECT_TIMEOUT);
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(READS_ITS_OWN_MOVES, NO_KEY, NOT_FOR_OPERATION);
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Consumed());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Calls());
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        String bean = ctx.systemBean(system);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("clientBean", clientBean(system, ctx));
        props.put("bucket", ctx.text(system, BUCKET));
        putIfSet(props, "endpoint", ctx.text(system, ENDPOINT));
        props.put("region", ctx.text(system, REGION));
        props.put("pathStyle", ctx.text(system, PATH_STYLE));
        // {{secret:NAME}} / {{env:NAME}}: Camel resolves them as it builds the bean; the files keep the placeholder
        putIfSet(props, "accessKey", ctx.text(system, ACCESS_KEY));
        putIfSet(props, "secretKey", ctx.text(system, SECRET_KEY));
        putIfSet(props, "sessionToken", ctx.text(system, SESSION_TOKEN));
        props.put("connectTimeoutMillis", millis(ctx, system.option(CONNECT_TIMEOUT.name()), CONNECT_TIMEOUT));
        BeanFactoryDefinition<?> definition = new BeanFactoryDefinition<>();
        definition.setName(bean);
        definition.setType(S3System.class.getName());
        definition.setProperties(props);
        definition.setInitMethod("start");
        definition.setDestroyMethod("close");
        ctx.addBean(definition);
        // the kernel checks the bucket at start and reports it at /observe/health
        ctx.addBean(bean + ".probe", S3Probe.class, Map.of("system", system.name(), "adapter", name(), "client",
                "#bean:" + bean));
    }

    private static String clientBean(SystemDecl system, CompileContext ctx) {
        return ctx.systemBean(system) + ".client";
    }

    /** {@code aws2-s3://bucket} on the system's client; the bucket's pattern keeps '?' and '&amp;' out of the path. */
    private static EndpointUri endpoint(SystemDecl system, CompileContext ctx) {
        return EndpointUri.of("aws2-s3", "//" + ctx.text(system, BUCKET))
                .param("amazonS3Client", "#bean:" + clientBean(system, ctx)).param("autoCreateBucket", false);
    }

    /** A duration option in milliseconds; a run-time reference is passed as written (its value then in ms). */
    private static String millis(CompileContext ctx, OptionValue value, Option<Duration> option) {
        if (value != null && value.value() instanceof String text && References.containsReference(text)) {
            return ctx.text(value, null);
        }
        Duration parsed = value == null ? null : Durations.parse(String.valueOf(value.value()));
        return String.valueOf((parsed == null ? option.defaultValue() : parsed).toMillis());
    }

    private static void putIfSet(Map<String, ? super String> props, String key, String value) {
        if (value != null) {
            props.put(key, value);
        }
    }

    /** The prefix S3 lists for a use: its prefix, or the literal start of its glob, or everything. */
    private static String listed(EndpointRef use) {
        String glob = GLOB.of(use);
        if (glob != null) {
            return Globs.prefix(glob);
        }
        String prefix = PREFIX.of(use);
        return prefix == null ? "" : prefix;
    }

    private static String globRegex(EndpointRef use) {
        String glob = GLOB.of(use);
        return glob == null || References.containsReference(glob) ? null : Globs.regex(glob);
    }

    private static final class Consumed implements SourceRole {
        @Override
        public List<Option<?>> options() {
            return List.of(PREFIX, GLOB, FORMAT, MAX_JSON_BYTES, AFTER_READ, DONE_PREFIX, FAILED_PREFIX,
                    POLL_INTERVAL, MAX_PER_POLL);
        }

        /** An object stays in the bucket until its route is done with it, so it is read after a restart. */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.DURABLE, Capability.NATIVE_HEADERS,
                    Capability.CHECKED_AT_START);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            String read = listed(use);
            for (Option<String> moved : List.of(DONE_PREFIX, FAILED_PREFIX)) {
                if (moved == DONE_PREFIX && "delete".equals(AFTER_READ.valueOrDefault(raw(use, AFTER_READ)))) {
                    continue;
                }
                String prefix = moved.valueOrDefault(raw(use, moved));
                if (prefix != null && prefix.startsWith(read)) {
                    OptionValue at = use.option(moved.name());
                    problems.error(READS_ITS_OWN_MOVES, at == null ? use.pos() : at.pos(), moved.name() + " '" + prefix
                            + "' lies inside " + (read.isEmpty() ? "the whole bucket, which the source reads"
                                    : "'" + read + "', which the source reads") + ": it would read its own moved"
                            + " objects again", "read a prefix of its own, e.g. prefix: inbox/ (or glob:"
                                    + " \"inbox/*.json\"), with " + moved.name() + " outside it");
                }
            }
        }

        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            String address = (ENDPOINT.of(system) == null ? "aws:" + REGION.of(system) : ENDPOINT.of(system)) + "/"
                    + BUCKET.of(system);
            String read = listed(use);
            return Optional.of(new Channel(NAME, address + "/" + read, null, "s3 bucket '" + BUCKET.of(system)
                    + "'" + (read.isEmpty() ? "" : " prefix '" + read + "'")));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            EndpointRef from = use.use();
            String read = listed(from);
            return endpoint(use.system(), ctx)
                    .userParam("prefix", read.isEmpty() ? null : ctx.camelText(read))
                    // the adapter settles each object once its route is done (S3Settlement), never Camel at read
                    .param("deleteAfterRead", false).param("moveAfterRead", false)
                    // a stream per object, closed when its message is done: no object is read whole here
                    .param("includeBody", false).param("autocloseBody", true)
                    .userParam("maxMessagesPerPoll", ctx.text(from, MAX_PER_POLL))
                    .userParam("delay", millis(ctx, from.option(POLL_INTERVAL.name()), POLL_INTERVAL))
                    .toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            EndpointRef from = use.use();
            Map<String, String> props = new LinkedHashMap<>();
            props.put("client", "#bean:" + ctx.systemBean(use.system()));
            String glob = globRegex(from);
            if (glob != null) {
                props.put("glob", glob);
            }
            props.put("format", ctx.text(from, FORMAT));
            props.put("maxJsonBytes", ctx.text(from, MAX_JSON_BYTES));
            props.put("afterRead", ctx.text(from, AFTER_READ));
            props.put("donePrefix", ctx.text(from, DONE_PREFIX));
            props.put("failedPrefix", ctx.text(from, FAILED_PREFIX));
            String name = ctx.uniqueName("receive-" + use.systemName());
            ctx.addBean(name, S3ObjectReceiver.class, List.of(use.systemName()), props);
            if ("raw".equals(FORMAT.of(from)) && route instanceof RouteDefinition definition) {
                streamed(definition);
            }
            route.process(name);
        }
    }

    /**
     * Turns stream caching off for a route that carries an object as a stream: Camel Main caches a stream in memory
     * (spooling is off by default) where it enters a route and where a step answers one, so the object would be read
     * whole before the next step.
     */
    private static void streamed(RouteDefinition route) {
        if (route != null) {
            route.streamCache("false");
        }
    }

    private static Object raw(EndpointRef use, Option<?> option) {
        OptionValue value = use.option(option.name());
        return value == null ? null : value.value();
    }

    private static final class Calls implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of(OPERATION, KEY, KEY_PREFIX, PART_SIZE, PREFIX, GLOB, MAX_KEYS, FORMAT, MAX_JSON_BYTES);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.NATIVE_HEADERS, Capability.CHECKED_AT_START,
                    Capability.SENDS_IDEMPOTENCY_KEY);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            String operation = OPERATION.valueOrDefault(raw(use, OPERATION));
            Set<String> used = OPERATION_OPTIONS.getOrDefault(operation, Set.of());
            for (Option<?> option : options()) {
                OptionValue value = use.option(option.name());
                if (value != null && option != OPERATION && !used.contains(option.name())) {
                    problems.error(NOT_FOR_OPERATION, value.pos(), "'" + option.name() + "' does nothing for"
                            + " operation " + operation, "remove it, or use it with operation "
                                    + usersOf(option.name()));
                }
            }
            OptionValue key = use.option(KEY.name());
            if (key == null && ("get".equals(operation) || "delete".equals(operation))) {
                problems.error(NO_KEY, use.pos(), "operation " + operation + " needs the object's key",
                        "add key: a CEL expression such as \"'orders/' + id + '.json'\"");
            }
            ExpressionOptions.checkSyntax(key, problems);
        }

        private static String usersOf(String option) {
            return String.join(" or ", OPERATION_OPTIONS.entrySet().stream()
                    .filter(e -> e.getValue().contains(option)).map(Map.Entry::getKey).sorted().toList());
        }

        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            EndpointRef to = use.use();
            String operation = ctx.text(to, OPERATION);
            if ("put".equals(operation) || "get".equals(operation) && "raw".equals(ctx.text(to, FORMAT))) {
                // a put reads a stream handed to the route (by a direct or seda source fed from Java, a raw get) as
                // it uploads it in parts; a raw get hands the next steps the object as a stream
                streamed(ProcessorDefinitionHelper.getRoute(block));
            }
            OptionValue key = to.option(KEY.name());
            if (key != null) {
                block.setProperty(S3Headers.KEY_PROPERTY, new LanguageExpression("cel", key.asString()));
            }
            String prepare = ctx.uniqueName("s3-" + operation + "-" + use.systemName());
            Map<String, String> before = new LinkedHashMap<>();
            before.put("operation", operation);
            putIfSet(before, "keyPrefix", ctx.text(to, KEY_PREFIX));
            ctx.addBean(prepare, S3ObjectPreparer.class, before);
            block.process(prepare);
            EndpointUri uri = endpoint(use.system(), ctx);
            if ("list".equals(operation)) {
                list(use, to, block, uri, ctx);
            } else {
                call(operation, to, block, uri, ctx);
            }
            Map<String, String> after = new LinkedHashMap<>();
            after.put("operation", operation);
            if ("get".equals(operation)) {
                after.put("format", ctx.text(to, FORMAT));
                after.put("maxJsonBytes", ctx.text(to, MAX_JSON_BYTES));
            }
            String result = ctx.uniqueName("s3-" + operation + "-result-" + use.systemName());
            ctx.addBean(result, S3CallResult.class, after);
            block.process(result);
        }

        private static void call(String operation, EndpointRef to, ProcessorDefinition<?> block, EndpointUri uri,
                CompileContext ctx) {
            switch (operation) {
                case "get" -> uri.param("operation", "getObject");
                case "delete" -> uri.param("operation", "deleteObject");
                default -> uri.param("multiPartUpload", true).userParam("partSize", ctx.text(to, PART_SIZE));
            }
            block.to(uri.toString());
        }

        /**
         * S3 answers 1000 keys a call and Camel's producer does not page, so the route loops over the pages itself:
         * the request of each page is the producer's body ({@code pojoRequest}), after the last key of the one before.
         */
        private static void list(SystemUse use, EndpointRef to, ProcessorDefinition<?> block, EndpointUri uri,
                CompileContext ctx) {
            Map<String, String> page = new LinkedHashMap<>();
            page.put("bucket", ctx.text(use.system(), BUCKET));
            String read = listed(to);
            putIfSet(page, "prefix", read.isEmpty() ? null : ctx.camelText(read));
            putIfSet(page, "glob", globRegex(to));
            page.put("maxKeys", ctx.text(to, MAX_KEYS));
            String ask = ctx.uniqueName("s3-list-page-" + use.systemName());
            Map<String, String> asking = new LinkedHashMap<>(page);
            asking.put("step", "ask");
            ctx.addBean(ask, S3ListPage.class, asking);
            String take = ctx.uniqueName("s3-list-page-taken-" + use.systemName());
            Map<String, String> taking = new LinkedHashMap<>(page);
            taking.put("step", "take");
            ctx.addBean(take, S3ListPage.class, taking);
            block.loopDoWhile(new ExchangePropertyExpression(S3ListPage.MORE_PROPERTY))
                    .process(ask)
                    .to(uri.param("operation", "listObjects").param("pojoRequest", true).toString())
                    .process(take)
                    .end();
        }
    }
}
