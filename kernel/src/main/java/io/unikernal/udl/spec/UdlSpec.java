package io.unikernal.udl.spec;

import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.spec.Shape.Endpoint;
import io.unikernal.udl.spec.Shape.ListOf;
import io.unikernal.udl.spec.Shape.NameRule;
import io.unikernal.udl.spec.Shape.NamedMap;
import io.unikernal.udl.spec.Shape.Ref;
import io.unikernal.udl.spec.Shape.Role;
import io.unikernal.udl.spec.Shape.Struct;
import io.unikernal.udl.spec.Shape.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's declaration of UDL v8: every fixed section and key with its shape, description and example, and the
 * shapes of the core steps. The installed step and section kinds add theirs ({@code io.unikernal.plugins.Language}
 * assembles the whole language, which the parser checks files against and the JSON Schema and reference doc are
 * generated from); adapter options are declared by each installed adapter.
 */
public final class UdlSpec {

    /** The UDL version this parser reads. */
    public static final int VERSION = 8;

    /** Field types of schemas, as written in UDL. */
    public static final List<String> FIELD_TYPES =
            List.of("string", "int", "double", "decimal", "boolean", "timestamp", "object", "array", "any");

    private static final Value STRING = Value.of(ValueKind.STRING);
    private static final Value IDENTIFIER = Value.of(ValueKind.STRING).named(NameRule.IDENTIFIER);
    private static final Value EXPRESSION = Value.of(ValueKind.EXPRESSION);
    /** The list of steps of a route or branch, resolved against the installed step kinds. */
    public static final Ref STEPS_REF = new Ref("steps");
    private static final Ref STEPS = STEPS_REF;

    public static final Option<Integer> SPLIT_PARALLEL = Option.integer("parallel").range(1, 1000)
            .description("How many elements run at once (bounded concurrency, a pool of this many threads per split);"
                    + " one after another when absent.").example("4");

    public static final Option<String> FAN_OUT_JOIN = Option.string("join").allowed("all", "first", "quorum")
            .defaultValue("all").description("What must succeed: all targets, the first one, or a quorum.")
            .example("quorum");
    public static final Option<Integer> FAN_OUT_QUORUM = Option.integer("quorum").range(1, 1000)
            .description("Successes needed with join: quorum; a majority of the targets when absent.").example("2");
    public static final Option<java.time.Duration> FAN_OUT_TIMEOUT = Option.duration("timeout")
            .description("How long to wait for the replies; a target that has not answered by then counts as "
                    + "failed.").example("2s");

    public static final Option<Integer> WEIGHT = Option.integer("weight").range(1, 1_000_000).required()
            .description("Its share (1..1000000).").example("3");

    public static final Option<Integer> ADAPTIVE_SMOOTHING = Option.integer("smoothing").range(1, 100)
            .defaultValue(30).description("How much the newest call counts in the moving averages, in % (higher "
                    + "reacts faster).").example("30");
    public static final Option<Integer> ADAPTIVE_EXPLORE = Option.integer("explore").range(0, 20).defaultValue(5)
            .description("The share of messages (%) each healthy target keeps getting however slow it is, so its "
                    + "recovery is noticed.").example("5");
    public static final Option<Integer> ADAPTIVE_DOWN_AFTER = Option.integer("downAfter").range(1, 1000)
            .defaultValue(3).description("Failures in a row that take a target out.").example("3");
    public static final Option<java.time.Duration> ADAPTIVE_PROBE_AFTER = Option.duration("probeAfter")
            .defaultText("5s").description("How long a target that is out rests before one message tries it again.")
            .example("5s");

    public static final Option<Integer> SCHEMA_VERSION = Option.integer("version").range(1, Integer.MAX_VALUE)
            .defaultValue(1).description("The schema's version, 1 or more; messages of older versions are migrated "
                    + "(renamedFrom, default).").example("2");

    public static final Struct REPLY = new Struct("reply", "reply",
            "The reply a request/reply source (http) sends back at the end of the route. Without it the caller gets "
                    + "the route's final body with status 200.",
            List.of(
                    UdlKey.of("status", Value.of(ValueKind.INTEGER).range(100, 599, UdlErrorCode.BAD_STATUS),
                            "The HTTP status of the reply, 100..599.", "201")
                            .defaultValue(200),
                    UdlKey.of("body", EXPRESSION, "A CEL expression computing the reply body from the message; "
                            + "the message body itself when absent.", "\"{'id': id}\""),
                    UdlKey.of("headers", new NamedMap("header", NameRule.ANY, STRING),
                            "Reply headers; values may hold ${env:...} references, resolved on the first reply (a "
                                    + "secret one is refused: UDL-051).", "{Location: /orders}")),
            false);

    public static final Struct TRANSFORM = new Struct("transform", "transform step",
            "Changes the body's fields; applied in the order rename, set, remove.",
            List.of(
                    UdlKey.of("set", new NamedMap("field", NameRule.FIELD, EXPRESSION),
                            "Fields to set, each to the value of a CEL expression over the message.",
                            "{total: \"amount * 1.2\"}"),
                    UdlKey.of("remove", ValueKind.STRING_LIST, "Fields to remove.", "[internal_note]"),
                    UdlKey.of("rename", new NamedMap("field", NameRule.FIELD, Value.of(ValueKind.STRING)
                            .named(NameRule.FIELD)), "Fields to rename, old name → new name.",
                            "{customer_name: customer}")),
            false);

    public static final Struct BRANCH = new Struct("branch", "choose branch",
            "One branch of choose: `when` with `to` and/or `steps`, or a last item `otherwise` with steps.",
            List.of(
                    UdlKey.of("when", EXPRESSION, "A CEL condition (must yield a boolean); the first branch whose "
                            + "condition is true runs.", "\"amount > 1000\""),
                    UdlKey.of("to", new Endpoint(Role.TARGET, true), "Where the branch sends the message "
                            + "(shorthand for steps: [{to: ...}]; with steps, sent after them).", "review"),
                    UdlKey.of("steps", STEPS, "The steps of the branch.", "[{log: \"big order\"}, {to: review}]"),
                    UdlKey.of("otherwise", STEPS, "The steps run when no `when` matched; only in the last item.",
                            "[{to: db}]")),
            false);

    public static final Struct SPLIT = new Struct("split", "split step",
            "Runs the steps once per element of the list an expression yields; each element becomes the body. An"
                    + " element that fails goes to the dead-letter destination on its own, as itself (as it came out"
                    + " of the list) with its index in splitIndex; the others go on.",
            List.of(
                    UdlKey.of("by", EXPRESSION, "A CEL expression yielding a list (a JSON array; `body` for a body that is"
                            + " one); any other value (an object, a text, null) rejects the message with the reason.",
                            "items").asRequired(),
                    UdlKey.of("steps", STEPS, "The steps run for each element.", "[{to: lines}]").asRequired(),
                    SPLIT_PARALLEL.key()),
            false);

    public static final Struct FAN_OUT = new Struct("fanOut", "fan-out step",
            "Sends the message to several targets in parallel and joins their replies by a policy: `all` must "
                    + "succeed, the `first` success is enough, or a `quorum` of successes. The body becomes "
                    + "{replies: {target: reply}, failed: {target: reason}}; when the join policy is not met the "
                    + "message fails with every target's reason (retry, dead letter).",
            List.of(
                    UdlKey.of("to", new Endpoint(Role.TARGET, true), "The targets, two or more.",
                            "[eu-api, us-api, asia-api]").asRequired(),
                    FAN_OUT_JOIN.key(), FAN_OUT_QUORUM.key(), FAN_OUT_TIMEOUT.key()),
            false);

    public static final Struct ROUTE_RULE = new Struct("routeRule", "route rule",
            "A content rule of a route step: the first rule whose condition holds picks its target.",
            List.of(
                    UdlKey.of("when", EXPRESSION, "A simple CEL field test (as for engine conditions).",
                            "\"region == 'eu'\"").asRequired(),
                    UdlKey.of("to", Value.of(ValueKind.SYSTEM_REF), "The target.", "eu-db").asRequired()),
            false);

    public static final Struct WEIGHTED_TARGET = new Struct("weightedTarget", "weighted target",
            "A target of a route step with its share of the messages no rule picked.",
            List.of(
                    UdlKey.of("to", Value.of(ValueKind.SYSTEM_REF), "The target.", "primary").asRequired(),
                    WEIGHT.key()),
            false);

    public static final Struct ADAPTIVE = new Struct("adaptive", "adaptive choice",
            "Chooses among targets by how they are doing: each call's latency and outcome feed moving averages (EWMA) "
                    + "per target; the next message goes to a target drawn with odds that fall with its average "
                    + "latency and error rate, so traffic moves away from a target that turns slow or fails and back "
                    + "when it recovers. A failed call fails over to the next target at once (the message is not "
                    + "lost); a target that fails `downAfter` times in a row, or whose breaker is open, is taken out "
                    + "and tried again after `probeAfter`. The live figures are in the metrics "
                    + "(unikernal_route_target_*).",
            List.of(
                    UdlKey.of("targets", new ListOf(Value.of(ValueKind.SYSTEM_REF)), "The targets, two or more.",
                            "[eu-api, us-api]").asRequired(),
                    ADAPTIVE_SMOOTHING.key(), ADAPTIVE_EXPLORE.key(), ADAPTIVE_DOWN_AFTER.key(),
                    ADAPTIVE_PROBE_AFTER.key()),
            false);

    public static final Struct ROUTE_STEP = new Struct("route", "route step",
            "Smart routing to one of several targets: content rules first, then static weights, decided by the "
                    + "route's routing engine; a key makes the weighted choice sticky (same key, same target). Or "
                    + "`adaptive`: the choice follows each target's measured latency and error rate, with failover.",
            List.of(
                    UdlKey.of("rules", new ListOf(ROUTE_RULE), "Content rules, first match wins.",
                            "[{when: \"region == 'eu'\", to: eu-db}]"),
                    UdlKey.of("weights", new ListOf(WEIGHTED_TARGET), "Weighted targets for the rest.",
                            "[{to: a, weight: 3}, {to: b, weight: 1}]"),
                    UdlKey.of("key", ValueKind.STRING, "The field whose value keys the weighted choice: a body path "
                            + "or headers.name; the whole body when absent.", "customer.id"),
                    UdlKey.of("adaptive", ADAPTIVE, ADAPTIVE.description() + " Not with rules or weights.",
                            "{targets: [eu-api, us-api]}")),
            false);

    /** What a step item is; the step struct's keys are the installed step kinds' ({@code plugins.Language}). */
    public static final String STEP_DESCRIPTION = "One step of a route: a map with exactly one key, the step's kind.";

    public static final Struct FIELD = new Struct("field", "schema field", "One field of a schema.",
            List.of(
                    UdlKey.of("type", Value.of(ValueKind.STRING).allowed(FIELD_TYPES, UdlErrorCode.UNKNOWN_FIELD_TYPE),
                            "The field's type: " + String.join(", ", FIELD_TYPES) + ".", "decimal").asRequired(),
                    UdlKey.of("required", ValueKind.BOOLEAN, "The field must be present and not null.", "true")
                            .defaultValue(false),
                    UdlKey.of("min", ValueKind.NUMBER, "Inclusive lower bound (int, double, decimal fields).", "0"),
                    UdlKey.of("max", ValueKind.NUMBER, "Inclusive upper bound (int, double, decimal fields).", "100"),
                    UdlKey.of("pattern", ValueKind.STRING, "A regular expression a string field must contain a "
                            + "match of; anchor it with ^...$ for a full match.", "\"^[A-Z]{3}$\""),
                    UdlKey.of("enum", new ListOf(Value.of(ValueKind.ANY)), "The allowed values.", "[new, paid]"),
                    UdlKey.of("renamedFrom", Value.of(ValueKind.STRING).named(NameRule.FIELD),
                            "The field's name in older versions of the schema; such messages are migrated.",
                            "customer_name"),
                    UdlKey.of("default", ValueKind.ANY, "The value set when the field is absent.", "0"),
                    UdlKey.of("description", ValueKind.STRING, "Free text for readers.", "\"Total in EUR\"")),
            false);

    public static final Struct SCHEMA = new Struct("schema", "schema", "A versioned UDM schema of message bodies.",
            List.of(
                    SCHEMA_VERSION.key(),
                    UdlKey.of("fields", new NamedMap("field", NameRule.FIELD, FIELD), "The fields, by name.",
                            "{id: {type: string, required: true}}").asRequired(),
                    UdlKey.of("description", ValueKind.STRING, "Free text for readers.", "\"An order\"")),
            false);

    public static final Struct ROUTE = new Struct("route", "route",
            "A flow: messages from one system run through steps to other systems.",
            List.of(
                    UdlKey.of("name", IDENTIFIER, "The route's name, unique in the file; becomes the Camel route id.",
                            "ingest-order").asRequired(),
                    UdlKey.of("description", ValueKind.STRING, "Free text for readers and the Camel route.",
                            "\"Takes orders from the shop\""),
                    UdlKey.of("from", new Endpoint(Role.SOURCE, false), "The system the route consumes from, by name "
                            + "or as {system: x, ...source options}.", "shop").asRequired(),
                    UdlKey.of("steps", STEPS, "What happens to each message, in order.",
                            "[{validate: Order}, {to: db}]"),
                    UdlKey.of("reply", REPLY, REPLY.description(), "{status: 201, body: \"{'id': id}\"}"),
                    UdlKey.of("deadLetter", new Endpoint(Role.TARGET, false), "Where messages go that the route "
                            + "cannot process (invalid or failed), with the reason.", "failed-orders"),
                    UdlKey.of("policy", PolicySpec.POLICY, PolicySpec.POLICY.description(),
                            "{auth: {keysFile: keys.txt}, rateLimit: {rate: 100/s}, timeout: 2s, retry: {attempts: 3}}"),
                    UdlKey.of("engine", Shape.Value.of(ValueKind.STRING).allowed(List.of("rust", "java", "auto"),
                            UdlErrorCode.BAD_VALUE), "Which routing engine decides the route's choose steps: rust (the"
                            + " native core), java (its Java twin) or auto (the faster one present for the workload)."
                            + " Conditions that are simple field tests joined by && run on the engine; others stay on"
                            + " CEL (with a warning). On the engine a test on a missing field is false.", "rust")),
            false);

    public static final Struct TEST_INPUT = new Struct("testInput", "test input", "The message a test sends.",
            List.of(
                    UdlKey.of("body", ValueKind.ANY, "The body (any JSON-like value).", "{id: \"a1\", amount: 5}"),
                    UdlKey.of("headers", ValueKind.STRING_MAP, "Headers of the message.", "{X-Tenant: acme}")),
            false);

    public static final Struct TEST_EXPECT = new Struct("testExpect", "test expectation",
            "What must hold after the test message ran through the route.",
            List.of(
                    UdlKey.of("body", ValueKind.ANY, "The reply body, compared as JSON.", "{id: \"a1\"}"),
                    UdlKey.of("status", Value.of(ValueKind.INTEGER).range(100, 599, UdlErrorCode.BAD_STATUS),
                            "The reply status.", "201"),
                    UdlKey.of("sent", new NamedMap("system", NameRule.IDENTIFIER, new ListOf(Value.of(ValueKind.ANY))),
                            "System name → the bodies it must have received, in order.", "{db: [{id: \"a1\"}]}"),
                    UdlKey.of("deadLetter", ValueKind.BOOLEAN, "True when the message must end in the dead-letter "
                            + "destination.", "false")),
            false);

    public static final Struct TEST = new Struct("test", "test",
            "A test case run by `unikernal test`: targets are replaced by capturing stand-ins, no server is needed.",
            List.of(
                    UdlKey.of("name", ValueKind.STRING, "What the test shows.", "\"big orders go to review\"")
                            .asRequired(),
                    UdlKey.of("route", Value.of(ValueKind.ROUTE_REF), "The route under test.", "ingest-order")
                            .asRequired(),
                    UdlKey.of("input", TEST_INPUT, TEST_INPUT.description(), "{body: {id: \"a1\"}}").asRequired(),
                    UdlKey.of("expect", TEST_EXPECT, TEST_EXPECT.description(), "{status: 201}").asRequired()),
            false);

    public static final Struct DOCUMENT = new Struct("udl", "UDL file", "A UDL file: one integration app.",
            List.of(
                    UdlKey.of("udl", Value.of(ValueKind.INTEGER).allowed(List.of(String.valueOf(VERSION)),
                                    UdlErrorCode.BAD_UDL_VERSION), "The UDL version; must be 8.", "8")
                            .asRequired(UdlErrorCode.BAD_UDL_VERSION),
                    UdlKey.of("name", IDENTIFIER, "The app's name; becomes the Camel context name.", "orders")
                            .asRequired(),
                    UdlKey.of("systems", new NamedMap("system", NameRule.IDENTIFIER, new Shape.SystemEntry()),
                            "The systems the app talks to, by name; each names its adapter and the adapter's options.",
                            "{shop: {adapter: http, path: /orders}}"),
                    UdlKey.of("schemas", new NamedMap("schema", NameRule.IDENTIFIER, SCHEMA),
                            "UDM schemas of message bodies, by name.", "{Order: {fields: {id: {type: string}}}}"),
                    UdlKey.of("routes", new ListOf(ROUTE), "The app's routes.",
                            "[{name: ingest, from: shop, steps: [{to: db}]}]"),
                    UdlKey.of("tests", new ListOf(TEST), "Test cases run by `unikernal test`.",
                            "[{name: ok, route: ingest, input: {body: {}}, expect: {status: 200}}]"),
                    UdlKey.notYet("translations", "Protocol translations (UPT): expose one protocol, call another.",
                            "[{expose: {protocol: rest, path: /users}, target: {protocol: grpc}}]",
                            "remove it for now: bridge protocols with a route from an http system to an "
                                    + "http-client system"),
                    UdlKey.notYet("pipelines", "Batch and streaming ETL pipelines.",
                            "[{name: nightly, schedule: \"0 0 2 * * ?\"}]",
                            "remove it for now: use a route from a timer or file system with transform and "
                                    + "filter steps")),
            false);

    /** Every struct of the language, in reference-doc order. */
    public static List<Struct> structs() {
        List<Struct> all = new java.util.ArrayList<>(List.of(DOCUMENT, SCHEMA, FIELD, ROUTE, TRANSFORM, BRANCH,
                SPLIT, FAN_OUT, ROUTE_STEP, ROUTE_RULE, WEIGHTED_TARGET, ADAPTIVE, REPLY, TEST, TEST_INPUT, TEST_EXPECT));
        all.addAll(PolicySpec.structs());
        return List.copyOf(all);
    }

    /** The key {@code system} of an endpoint map, declared here so parser, schema and doc agree. */
    public static final UdlKey ENDPOINT_SYSTEM = UdlKey.of("system", Value.of(ValueKind.SYSTEM_REF),
            "The system used; the other keys are the adapter's source (in from) or target (in to, deadLetter) options.",
            "db").asRequired();

    /** The key {@code policy} of a target's endpoint map: how calls to that one target are guarded. */
    public static final UdlKey ENDPOINT_POLICY = UdlKey.of("policy", PolicySpec.TARGET_POLICY,
            PolicySpec.TARGET_POLICY.description(), "{timeout: 1s, circuitBreaker: {failureRate: 50}}");

    /**
     * The reference doc's example of an adapter name: the one place kernel main code writes one (checked by the cli's
     * KernelNamesNoAdapterTest); the kernel decides nothing by it.
     */
    public static final String ADAPTER_EXAMPLE = "http";

    /** The key {@code adapter} of a system entry. */
    public static final UdlKey SYSTEM_ADAPTER = UdlKey.of("adapter", ValueKind.STRING,
            "The adapter that talks to the system; the other keys are that adapter's options.", ADAPTER_EXAMPLE)
            .asRequired();

    private UdlSpec() {
    }
}
