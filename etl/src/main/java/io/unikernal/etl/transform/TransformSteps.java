package io.unikernal.etl.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.unikernal.etl.kinds.TableKeys;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.ExpressionOptions;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.spi.step.StepInput;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.Shape;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.ValueKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.model.RouteDefinition;

/**
 * The one declaration of {@code transform:} — a list of steps, each a map of one key ({@code set}, {@code map},
 * {@code filter}, {@code convert}, {@code aggregate}, {@code lookup}, {@code enrich}, {@code join}) — with the
 * steps' checks, what they compile to (JSON text for the {@link TransformChain} bean; a route per {@code enrich} that
 * calls its system as any route does; a join's second source compiled as a pipeline's source is) and how each is
 * built when a run starts.
 */
public final class TransformSteps {

    public static final String KEY = "transform";

    public static final ProblemCode STREAM_AGGREGATE = new PluginProblemCode("ETL", 7,
            "an aggregate of a stream has no window");
    public static final ProblemCode EMPTY_STEP = new PluginProblemCode("ETL", 8,
            "a transform step names nothing to do");
    public static final ProblemCode WINDOW_WITHOUT = new PluginProblemCode("ETL", 30,
            "an aggregate's slide, time or lateness lacks the window or time it needs");
    public static final ProblemCode BAD_SLIDE = new PluginProblemCode("ETL", 31,
            "an aggregate's slide does not divide its window");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Shape.NamedMap EXPRESSIONS = new Shape.NamedMap("field", Shape.NameRule.FIELD,
            Shape.Value.of(ValueKind.EXPRESSION));
    private static final Shape.NamedMap FIELD_NAMES = new Shape.NamedMap("output", Shape.NameRule.FIELD,
            Shape.Value.of(ValueKind.STRING));

    static final UdlKey SET = UdlKey.of("set", EXPRESSIONS, "Adds or replaces fields: each field's value is a CEL"
            + " expression of the record as it came into the step.", "{full_name: \"first + ' ' + last\"}");
    static final UdlKey MAP = UdlKey.of("map", EXPRESSIONS, "Makes records of exactly these fields, each a CEL"
            + " expression of the record as it came into the step.", "{id: id, name: \"upperAscii(name)\"}");
    static final UdlKey FILTER = UdlKey.of("filter", ValueKind.EXPRESSION, "Keeps the records for which this CEL"
            + " condition is true; the others are counted as filtered out.", "\"age > 18\"");
    static final UdlKey CONVERT = UdlKey.of("convert", new Shape.NamedMap("field", Shape.NameRule.FIELD,
            Shape.Value.of(ValueKind.STRING).allowed(List.copyOf(ConvertStep.TYPES.keySet()),
                    UdlErrorCode.BAD_VALUE)), "Gives fields a type: " + String.join(", ", ConvertStep.TYPES.keySet())
            + "; a value that is not one rejects its record with the reason.", "{age: long, born: date}");

    static final Option<List<String>> BY = stringList("by", "The fields whose values make a group.", "[region]");
    static final Option<String> COUNT = Option.string("count").pattern("[A-Za-z_][A-Za-z0-9_]*", "a field name")
            .description("The output field that holds each group's number of records.").example("n");
    static final UdlKey SUM = aggregateKey("sum", "sums (integers stay integers, other numbers are exact decimals)");
    static final UdlKey AVG = aggregateKey("avg", "averages (exact decimals, 16 digits)");
    static final UdlKey MIN = aggregateKey("min", "smallest values");
    static final UdlKey MAX = aggregateKey("max", "largest values");
    static final Option<Integer> GROUPS = Option.integer("groups").defaultValue(100_000).range(1, 10_000_000)
            .description("The most groups the step holds at once (its memory's bound): more stop the run.")
            .example("100000");
    static final Option<Duration> WINDOW = Option.duration("window")
            .description("Windows of this length: each window's groups are handed on, with window_start and"
                    + " window_end, when it is over — on the time records arrive (tumbling), or with time: on the"
                    + " records' own time.").example("1m");
    static final Option<Duration> SLIDE = Option.duration("slide")
            .description("With window: and time:, a window starts every slide (sliding windows, each record in"
                    + " window/slide of them); default: the window's length (tumbling).").example("1m");
    static final Option<String> TIME = Option.string("time").pattern("[A-Za-z_][A-Za-z0-9_]*", "a field name")
            .description("The field that holds each record's own time (event time: a timestamp, or epoch"
                    + " milliseconds); windows close when the watermark (the latest time seen less lateness) passes"
                    + " their end.").example("ts");
    static final Option<Duration> LATENESS = Option.duration("lateness")
            .description("With time:, how far behind the latest time seen a record may be and still count; a later"
                    + " record is rejected as late, with the reason. Default 0s.").example("30s");
    static final UdlKey AGGREGATE = UdlKey.of("aggregate", new Shape.Struct("pipeline-aggregate", "aggregate",
            "One record per group: its by values, the count and the aggregates.", List.of(BY.key(), COUNT.key(),
                    SUM, AVG, MIN, MAX, GROUPS.key(), WINDOW.key(), SLIDE.key(), TIME.key(), LATENESS.key()),
                    false), "Groups records: one record per group, at the end of a bounded source or of each"
                    + " window.",
            "{by: [region], count: n, sum: {total: amount}}");

    static final Option<Object> SYSTEM = Option.of("system", ValueKind.SYSTEM_REF).required()
            .description("A system declared under systems:.").example("db");
    static final UdlKey ON = UdlKey.of("on", FIELD_NAMES, "Each record field and the column it must equal.",
            "{region_id: id}").asRequired();
    static final Option<List<String>> FIELDS = stringList("fields", "The columns (lookup) or reply members"
            + " (enrich) added to each record, by these names.", "[name]");
    static final Option<String> MISSING = Option.string("missing").allowed("null", "reject", "drop")
            .defaultValue("null").description("A record without a match: its added fields null, rejected, or"
                    + " dropped.").example("reject");
    static final Option<Integer> CACHE = Option.integer("cache").defaultValue(10_000).range(0, 10_000_000)
            .description("How many answers are kept (the least recently used go first); 0 keeps none.")
            .example("10000");
    static final UdlKey LOOKUP = UdlKey.of("lookup", new Shape.Struct("pipeline-lookup", "lookup", "A lookup"
            + " join against a table of a database system.", List.of(SYSTEM.key(), TableKeys.TABLE.key(), ON,
                    required(FIELDS), MISSING.key(), CACHE.key()), false), "Adds columns of the row of a table"
            + " whose key the record's fields give (a lookup join), through a bounded cache.",
            "{system: db, table: regions, on: {region_id: id}, fields: [name]}");

    static final UdlKey WITH = UdlKey.of("with", ValueKind.STRING_MAP, "The call's options, as a route's to: of"
            + " that system takes them (e.g. path, method of an http-client).", "{path: /score}");
    static final Option<String> CALL_KEY = Option.string("key").description("A CEL expression of the record whose"
            + " value the cache keeps replies by; default: the whole record.").example("id");
    static final Option<Duration> TTL = Option.duration("ttl").description("How long a cached reply is used;"
            + " default: for the whole run.").example("5m");
    static final UdlKey ENRICH = UdlKey.of("enrich", new Shape.Struct("pipeline-enrich", "enrich", "A call of a"
            + " UDL system per record.", List.of(SYSTEM.key(), WITH, required(FIELDS), CALL_KEY.key(),
                    CACHE.key(), TTL.key()), false), "Sends each record (a JSON object) to a system, as a route"
            + " would, and adds members of its JSON reply; replies cached by key.",
            "{system: scoring, with: {path: /score}, fields: [score], key: id}");

    static final Option<List<String>> JOIN_ON = stringList("on", "The fields both sources have whose values must"
            + " be equal (numbers and numeric text compare by their number).", "[region_id]");
    static final Option<String> JOIN_TYPE = Option.string("type").allowed("inner", "left").defaultValue("inner")
            .description("inner: a record without a matching row is dropped; left: it is handed on with the added"
                    + " fields null.").example("left");
    static final Option<List<String>> JOIN_FIELDS = stringList("fields", "The second source's fields added to each"
            + " record; default: all but the on fields.", "[name, vat]");
    static final Option<Integer> JOIN_ROWS = Option.integer("rows").defaultValue(100_000).range(1, 10_000_000)
            .description("The most records the second source may have (the join holds them in memory): more stop"
                    + " the run.").example("100000");

    private TransformSteps() {
    }

    /** The steps, the join's {@code with:} taking the shape of a pipeline's {@code source:}. */
    static List<UdlKey> steps(Shape.Struct source) {
        UdlKey with = UdlKey.of("with", source, "The second source, written as a pipeline's source: (a system and"
                + " its kind's keys, or inline); read whole when the run starts.", "{system: db, table: regions,"
                + " cursor: id}").asRequired();
        UdlKey join = UdlKey.of("join", new Shape.Struct("pipeline-join", "join", "A join of the records with a"
                + " second source by key.", List.of(with, required(JOIN_ON), JOIN_TYPE.key(), JOIN_FIELDS.key(),
                        JOIN_ROWS.key()), false), "Joins each record with the rows of a second source whose on"
                + " fields are equal (a hash join of the second source read whole, bounded by rows).",
                "{with: {adapter: file, path: regions.csv}, on: [region_id], type: left}");
        return List.of(SET, MAP, FILTER, CONVERT, AGGREGATE, LOOKUP, ENRICH, join);
    }

    /** {@code transform:}: a list of steps, each a map of exactly one of the step keys. */
    public static UdlKey key(Shape.Struct source) {
        List<UdlKey> steps = steps(source);
        Shape.Struct step = new Shape.Struct("pipeline-step", "transform step", "One step: exactly one of "
                + String.join(", ", steps.stream().map(UdlKey::name).toList()) + ".", steps, true);
        return UdlKey.of(KEY, new Shape.ListOf(step), "Steps between the source and the target, in order"
                + " (docs/etl.md, Transforms).", "[{convert: {age: long}}, {filter: \"age > 18\"}]");
    }

    public static List<ProblemCode> problemCodes() {
        return List.of(STREAM_AGGREGATE, EMPTY_STEP, WINDOW_WITHOUT, BAD_SLIDE);
    }

    private static Option<List<String>> stringList(String name, String description, String example) {
        @SuppressWarnings("unchecked")
        Option<List<String>> option = (Option<List<String>>) (Option<?>) Option.of(name, ValueKind.STRING_LIST);
        return option.description(description).example(example);
    }

    private static UdlKey required(Option<?> option) {
        return option.key().asRequired();
    }

    private static UdlKey aggregateKey(String name, String what) {
        return UdlKey.of(name, FIELD_NAMES, "Output fields holding the groups' " + what + " of a field:"
                + " {output: field}.", "{total: amount}");
    }

    /** The steps of a pipeline as written; reports each one's problems at its place. */
    public static void check(StepInput steps, boolean stream, SectionChecks checks, SecondSources sources) {
        for (StepInput item : steps.items()) {
            for (String name : item.keys()) {
                StepInput value = item.get(name).orElseThrow();
                switch (name) {
                    case "set", "map", "convert" -> {
                        if (value.isMap() && value.keys().isEmpty()) {
                            checks.problems().error(EMPTY_STEP, value.pos(), name + " names no field", "write "
                                    + name + ": {field: ...}");
                        }
                        if (!name.equals("convert")) {
                            value.keys().forEach(k -> expression(value.get(k).orElseThrow(), checks));
                        }
                    }
                    case "filter" -> expression(value, checks);
                    case "aggregate" -> checkAggregate(value, stream, checks);
                    case "lookup" -> system(value, checks);
                    case "enrich" -> checkEnrich(value, checks);
                    case "join" -> value.get("with").filter(StepInput::isMap).ifPresent(w -> sources.check(w,
                            checks));
                    default -> {
                        // an unknown step: the shape check reported it
                    }
                }
            }
        }
    }

    private static void expression(StepInput value, SectionChecks checks) {
        if (value.isScalar()) {
            ExpressionOptions.checkSyntax(new OptionValue(value.text(), value.pos()), checks.problems());
        }
    }

    private static void checkAggregate(StepInput value, boolean stream, SectionChecks checks) {
        boolean computes = value.get(COUNT.name()).isPresent() || List.of(SUM, AVG, MIN, MAX).stream()
                .anyMatch(k -> value.get(k.name()).isPresent());
        if (!computes) {
            checks.problems().error(EMPTY_STEP, value.pos(), "aggregate computes nothing", "add count: <field> or"
                    + " sum/avg/min/max: {output: field}");
        }
        if (stream && value.get(WINDOW.name()).isEmpty()) {
            checks.problems().error(STREAM_AGGREGATE, value.pos(), "an aggregate of a stream needs a window: its"
                    + " groups would never be complete", "add window: 1m (tumbling windows on arrival time)");
        }
        checkWindows(value, checks);
    }

    /** slide and lateness need time: (arrival-time windows cannot be rebuilt by a resumed run); time needs window. */
    private static void checkWindows(StepInput value, SectionChecks checks) {
        boolean windowed = value.get(WINDOW.name()).isPresent();
        boolean eventTime = value.get(TIME.name()).isPresent();
        if (eventTime && !windowed) {
            checks.problems().error(WINDOW_WITHOUT, value.keyPos(TIME.name()), "time: without window: the records'"
                    + " times make no windows", "add window: 1m (and slide: for sliding windows)");
        }
        for (Option<Duration> needsTime : List.of(SLIDE, LATENESS)) {
            if (value.get(needsTime.name()).isPresent() && !eventTime) {
                checks.problems().error(WINDOW_WITHOUT, value.keyPos(needsTime.name()), needsTime.name() + ": needs"
                        + " time: <field>, windows on the records' own time (on the time records arrive, a resumed"
                        + " run could not rebuild its open windows)", "add time: <the field holding each record's"
                        + " time>");
            }
        }
        Duration window = value.read(WINDOW);
        Duration slide = value.read(SLIDE);
        if (window != null && slide != null && (slide.isZero() || slide.compareTo(window) > 0
                || window.toMillis() % Math.max(1, slide.toMillis()) != 0)) {
            checks.problems().error(BAD_SLIDE, value.keyPos(SLIDE.name()), "slide " + slide + " does not divide"
                    + " window " + window + " (each record must fall in a whole number of windows)",
                    "write a slide that divides the window, e.g. window: 10m, slide: 1m");
        }
        if (window != null && window.toMillis() < 1) {
            checks.problems().error(BAD_SLIDE, value.keyPos(WINDOW.name()), "window " + window + " is shorter than"
                    + " a millisecond", "write window: 1s or longer");
        }
    }

    private static SystemDecl system(StepInput value, SectionChecks checks) {
        return value.get(SYSTEM.name()).map(s -> {
            SystemDecl decl = checks.document().system(s.text());
            if (decl == null) {
                checks.problems().add(UdlMessages.unknownSystem(s.pos(), s.text(),
                        checks.document().systems().keySet()));
            }
            return decl;
        }).orElse(null);
    }

    private static void checkEnrich(StepInput value, SectionChecks checks) {
        SystemDecl decl = system(value, checks);
        value.get(CALL_KEY.name()).ifPresent(k -> expression(k, checks));
        if (decl != null) {
            checks.useAsTarget(use(value, decl));
        }
    }

    private static EndpointRef use(StepInput value, SystemDecl system) {
        Map<String, OptionValue> options = new LinkedHashMap<>();
        value.get(WITH.name()).filter(StepInput::isMap).ifPresent(with -> with.keys().forEach(k -> with.get(k)
                .ifPresent(v -> options.put(k, new OptionValue(v.text(), v.pos())))));
        return new EndpointRef(system.name(), options, value.get(SYSTEM.name()).map(StepInput::pos)
                .orElse(value.pos()));
    }

    /** The steps as the chain bean's JSON text; an enrich step's route is added to the compilation. */
    public static String compile(StepInput steps, String pipeline, SectionCompilation compilation,
            SecondSources sources) {
        CompileContext ctx = compilation.context();
        ArrayNode out = JSON.createArrayNode();
        int n = 0;
        for (StepInput item : steps.items()) {
            n++;
            String name = item.keys().get(0);
            StepInput value = item.get(name).orElseThrow();
            ObjectNode step = out.addObject().put("step", name).put("at", value.pos().toString());
            switch (name) {
                case "set", "map", "convert" -> step.set("fields", JSON.valueToTree(value.toJava()));
                case "filter" -> step.put("expression", value.text());
                case "aggregate" -> {
                    step.set("by", JSON.valueToTree(names(value, BY.name())));
                    step.put("count", value.read(COUNT));
                    ArrayNode aggregates = step.putArray("aggregates");
                    for (UdlKey key : List.of(SUM, AVG, MIN, MAX)) {
                        value.get(key.name()).filter(StepInput::isMap).ifPresent(m -> m.keys().forEach(o -> aggregates
                                .addObject().put("out", o).put("function", key.name())
                                .put("field", m.get(o).orElseThrow().text())));
                    }
                    step.put("groups", value.read(GROUPS));
                    Duration window = value.read(WINDOW);
                    step.put("window", window == null ? null : window.toString());
                    Duration slide = value.read(SLIDE);
                    Duration lateness = value.read(LATENESS);
                    step.put("time", value.read(TIME)).put("slide", slide == null ? null : slide.toString())
                            .put("lateness", lateness == null ? null : lateness.toString());
                }
                case "lookup" -> {
                    SystemDecl system = ctx.document().system(value.read(SYSTEM).toString());
                    step.put("dataSource", ctx.systemBean(system)).put("table", value.read(TableKeys.TABLE))
                            .put("missing", value.read(MISSING)).put("cache", value.read(CACHE));
                    step.set("on", JSON.valueToTree(value.get(ON.name()).orElseThrow().toJava()));
                    step.set("fields", JSON.valueToTree(names(value, FIELDS.name())));
                }
                case "enrich" -> {
                    SystemDecl system = ctx.document().system(value.read(SYSTEM).toString());
                    String endpoint = "direct:pipeline-" + pipeline + "-enrich-" + n;
                    RouteDefinition route = new RouteDefinition();
                    route.routeId(ctx.uniqueName("pipeline-" + pipeline + "-enrich-" + n));
                    route.from(endpoint);
                    Adapter adapter = Adapters.installed().get(system.adapter());
                    adapter.target().orElseThrow().call(SystemUse.of(system, use(value, system)), route, ctx);
                    compilation.addRoute(route);
                    Duration ttl = value.read(TTL);
                    step.put("system", system.name()).put("endpoint", endpoint).put("key", value.read(CALL_KEY))
                            .put("cache", value.read(CACHE)).put("ttl", ttl == null ? null : ttl.toString());
                    step.set("fields", JSON.valueToTree(names(value, FIELDS.name())));
                }
                case "join" -> {
                    step.put("source", sources.compile(value.get("with").orElseThrow(), compilation))
                            .put("type", value.read(JOIN_TYPE)).put("rows", value.read(JOIN_ROWS));
                    step.set("on", JSON.valueToTree(names(value, JOIN_ON.name())));
                    step.set("fields", JSON.valueToTree(names(value, JOIN_FIELDS.name())));
                }
                default -> throw new IllegalStateException("the shape check allows only the declared steps");
            }
        }
        return out.toString();
    }

    /** A list of names as written (a scalar is a list of one). */
    private static List<String> names(StepInput value, String key) {
        List<String> names = new ArrayList<>();
        value.get(key).ifPresent(v -> {
            if (v.isList()) {
                v.items().forEach(i -> names.add(i.text()));
            } else if (v.isScalar()) {
                names.add(v.text());
            }
        });
        return names;
    }

    /** A step as a run builds it from its JSON. */
    static Step build(JsonNode config, CamelContext context) throws PipelineException {
        String at = config.path("at").asText();
        return switch (config.path("step").asText()) {
            case "set" -> new SetStep(at, false, strings(config.path("fields")));
            case "map" -> new SetStep(at, true, strings(config.path("fields")));
            case "filter" -> new FilterStep(at, config.path("expression").asText());
            case "convert" -> new ConvertStep(at, strings(config.path("fields")));
            case "aggregate" -> aggregate(config, at);
            case "lookup" -> {
                Object bean = context.getRegistry().lookupByName(config.path("dataSource").asText());
                if (!(bean instanceof DataSource dataSource)) {
                    throw new PipelineException("lookup at " + at + ": its system is no database (it has no"
                            + " connection pool); look up in a postgres, mariadb or jdbc system");
                }
                yield new LookupStep(at, dataSource, config.path("table").asText(), strings(config.path("on")),
                        list(config.path("fields")), config.path("missing").asText("null"),
                        config.path("cache").asInt(10_000));
            }
            case "enrich" -> new EnrichStep(at, config.path("system").asText(), config.path("endpoint").asText(),
                    context.createProducerTemplate(), list(config.path("fields")),
                    config.path("key").isNull() || config.path("key").isMissingNode() ? null
                            : config.path("key").asText(), config.path("cache").asInt(10_000),
                    config.path("ttl").isTextual() ? Duration.parse(config.path("ttl").asText()) : null);
            case "join" -> {
                Object bean = context.getRegistry().lookupByName(config.path("source").asText());
                if (!(bean instanceof io.unikernal.etl.spi.RecordSource.Factory source)) {
                    throw new IllegalStateException("the compiler names a source bean: " + config);
                }
                yield new JoinStep(at, source, list(config.path("on")), config.path("type").asText("inner"),
                        list(config.path("fields")), config.path("rows").asInt(100_000));
            }
            default -> throw new IllegalStateException("a step the compiler does not write: " + config);
        };
    }

    private static AggregateStep aggregate(JsonNode config, String at) {
        List<AggregateStep.Aggregate> aggregates = new ArrayList<>();
        for (JsonNode a : config.path("aggregates")) {
            aggregates.add(new AggregateStep.Aggregate(a.path("out").asText(), AggregateStep.Function.valueOf(
                    a.path("function").asText().toUpperCase(java.util.Locale.ROOT)), a.path("field").asText()));
        }
        Duration window = duration(config, "window");
        EventWindows.Spec eventTime = null;
        if (config.path("time").isTextual()) {
            Duration slide = duration(config, "slide");
            Duration lateness = duration(config, "lateness");
            eventTime = new EventWindows.Spec(config.path("time").asText(), window, slide == null ? window : slide,
                    lateness == null ? Duration.ZERO : lateness);
        }
        return new AggregateStep(at, list(config.path("by")), config.path("count").isTextual()
                ? config.path("count").asText() : null, aggregates, config.path("groups").asInt(100_000), window,
                eventTime);
    }

    private static Duration duration(JsonNode config, String name) {
        return config.path(name).isTextual() ? Duration.parse(config.path(name).asText()) : null;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static List<String> list(JsonNode node) {
        List<String> list = new ArrayList<>();
        node.forEach(n -> list.add(n.asText()));
        return list;
    }
}
