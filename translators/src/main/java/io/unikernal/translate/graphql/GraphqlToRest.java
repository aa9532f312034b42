package io.unikernal.translate.graphql;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import io.unikernal.adapter.graphql.GraphqlContract;
import io.unikernal.adapter.graphql.GraphqlContractException;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.UdlPaths;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.spi.step.StepInput;
import io.unikernal.translate.spi.HttpExposure;
import io.unikernal.translate.spi.Translation;
import io.unikernal.translate.spi.TranslationKind;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.Shape;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.ValueKind;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * GraphQL to REST from an SDL: a GraphQL endpoint ({@code POST path}, {@code application/json} or
 * {@code application/graphql}) on an http system whose fields are resolved by REST calls of an http-client system,
 * declared per field in {@code resolve:}. One Camel route: the HTTP source (POST only), {@link GraphqlBody}, the
 * source's JSON normalizer, {@link GraphqlRestServer}; a refusal is answered by {@link GraphqlAnswers}.
 */
public final class GraphqlToRest implements TranslationKind {

    static final ProblemCode BAD_MAPPING = new PluginProblemCode("TRANSLATE", 30,
            "a GraphQL to REST translation whose sdl or resolve cannot be used");

    static final Option<String> SDL = Option.string("sdl")
            .description("GraphQL to REST: the SDL file of the GraphQL API served (relative to the UDL file).")
            .example("schema.graphqls");
    static final UdlKey RESOLVE = UdlKey.of("resolve", new Shape.NamedMap("field", Shape.NameRule.ANY,
            Shape.Value.of(ValueKind.STRING)), "GraphQL to REST: the REST call that resolves each field, by"
            + " Type.field: \"VERB /path\" with {argument} and {parent.field} placeholders; the other arguments go as"
            + " query parameters (GET, DELETE) or the JSON body (POST, PUT, PATCH).",
            "{Query.user: \"GET /users/{id}\", User.orders: \"GET /users/{parent.id}/orders\"}");
    static final Option<Integer> MAX_DEPTH = Option.integer("maxDepth").defaultValue(10).range(1, 1000)
            .description("GraphQL to REST: the deepest query accepted; a deeper one is refused before any call.");
    static final Option<Integer> MAX_COMPLEXITY = Option.integer("maxComplexity").defaultValue(200)
            .range(1, 1_000_000).description("GraphQL to REST: the most complex query accepted (each field counts"
                    + " 1); a more complex one is refused before any call.");
    static final Option<Boolean> INTROSPECTION = Option.bool("introspection").defaultValue(false)
            .description("GraphQL to REST: answer __schema and __type queries (off by default: the schema is not"
                    + " published to every caller).");
    /** The REST calls' bound when the translation sets no timeout. */
    static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

    @Override
    public String protocol() {
        return "graphql";
    }

    @Override
    public String targetAdapter() {
        return "http-client";
    }

    @Override
    public String description() {
        return "a GraphQL endpoint (POST {path}, application/json or application/graphql) from the sdl, each field"
                + " of resolve answered by a REST call of the http-client system (arguments and parent fields in"
                + " the path, the other arguments as query or JSON body, the JSON reply as the field's value); equal"
                + " GETs of one request made once (java-dataloader); depth and complexity limits, introspection off;"
                + " a REST error is an errors entry with its path and extensions.status, the other data kept";
    }

    @Override
    public List<UdlKey> itemKeys() {
        return List.of(SDL.key(), RESOLVE, MAX_DEPTH.key(), MAX_COMPLEXITY.key(), INTROSPECTION.key());
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(HttpExposure.NOT_HTTP, BAD_MAPPING);
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        HttpExposure.check(translation, expose, checks, "GraphQL");
        Problems problems = checks.problems();
        StepInput sdl = translation.input().get(SDL.name()).orElse(null);
        if (sdl == null || sdl.text() == null) {
            problems.error(BAD_MAPPING, translation.pos(), "translation " + translation.name() + " has no sdl",
                    "add sdl: with the GraphQL schema file it serves (e.g. schema.graphqls)");
            return;
        }
        GraphqlContract contract;
        try {
            contract = GraphqlContract.load(UdlPaths.folderOf(sdl.pos()).resolve(sdl.text()));
        } catch (GraphqlContractException | java.nio.file.InvalidPathException e) {
            problems.error(BAD_MAPPING, sdl.pos(), e.getMessage(), "the path is relative to the UDL file, here "
                    + UdlPaths.folderOf(sdl.pos()));
            return;
        }
        StepInput resolve = translation.input().get(RESOLVE.name()).orElse(null);
        Set<String> resolved = new TreeSet<>();
        if (resolve != null) {
            for (String coordinate : resolve.keys()) {
                StepInput value = resolve.get(coordinate).orElse(null);
                String problem = problem(contract.schema(), coordinate, value == null ? null : value.text());
                if (problem != null) {
                    problems.error(BAD_MAPPING, value == null ? resolve.keyPos(coordinate) : value.pos(), problem,
                            "resolve maps Type.field to \"VERB /path\", e.g. Query.user: \"GET /users/{id}\"");
                }
                resolved.add(coordinate);
            }
        }
        Set<String> unresolved = new TreeSet<>(contract.rootFields());
        unresolved.removeAll(resolved);
        if (!unresolved.isEmpty()) {
            problems.warning(BAD_MAPPING, resolve == null ? translation.pos() : resolve.pos(), "no REST call"
                    + " resolves " + String.join(", ", unresolved) + ": a query for one gets an error",
                    "add them to resolve:");
        }
    }

    /** What is wrong with one entry of resolve, or null. */
    private static String problem(GraphQLSchema schema, String coordinate, String text) {
        String[] parts = coordinate.split("\\.", -1);
        if (parts.length != 2) {
            return "'" + coordinate + "' is not Type.field";
        }
        GraphQLObjectType type = schema.getObjectType(parts[0]);
        if (type == null) {
            return "the schema has no object type " + parts[0];
        }
        GraphQLFieldDefinition field = type.getFieldDefinition(parts[1]);
        if (field == null) {
            return parts[0] + " has no field " + parts[1] + "; its fields: " + String.join(", ",
                    type.getFieldDefinitions().stream().map(GraphQLFieldDefinition::getName).toList());
        }
        RestTemplate template;
        try {
            template = RestTemplate.parse(text);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        for (String argument : template.arguments()) {
            if (field.getArgument(argument) == null) {
                return coordinate + " has no argument " + argument + " (write {parent." + argument + "} for a"
                        + " field of " + parts[0] + ")";
            }
        }
        boolean root = type == schema.getQueryType() || type == schema.getMutationType();
        for (String parentField : template.parentFields()) {
            if (root) {
                return coordinate + " is a root field: it has no parent for {parent." + parentField + "}";
            }
            if (type.getFieldDefinition(parentField) == null) {
                return parts[0] + " has no field " + parentField + " for {parent." + parentField + "}";
            }
        }
        if (!template.sendsBody()) {
            for (GraphQLArgument argument : field.getArguments()) {
                if (!template.arguments().contains(argument.getName()) && GraphQLTypeUtil.unwrapAll(
                        argument.getType()) instanceof GraphQLInputObjectType) {
                    return "argument " + argument.getName() + " of " + coordinate + " is an input object, which "
                            + template.verb() + " cannot send as a query parameter: put it in the path's fields or"
                            + " use POST, PUT or PATCH";
                }
            }
        }
        return null;
    }

    @Override
    public void compile(Translation translation, SystemDecl expose, SystemDecl target, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        HttpExposure.Opened opened = HttpExposure.open(translation, expose, ctx,
                uri -> uri.param("httpMethodRestrict", "POST"), List.of(GraphqlBody.BEAN));
        ctx.addBean(GraphqlBody.BEAN, GraphqlBody.class, Map.of());
        StepInput input = translation.input();
        StepInput sdl = input.get(SDL.name()).orElseThrow();
        Map<String, String> resolve = new LinkedHashMap<>();
        input.get(RESOLVE.name()).ifPresent(map -> map.keys().forEach(key -> resolve.put(key,
                map.get(key).map(StepInput::text).orElse(""))));
        Map<String, String> props = new LinkedHashMap<>();
        Path file = Path.of(sdl.text());
        props.put("sdl", (file.isAbsolute() ? file : ctx.baseDir().resolve(file)).normalize().toString());
        props.put("url", ctx.text(target.option("url"), null));
        props.put("resolve", Resolutions.encode(resolve));
        props.put("maxDepth", String.valueOf(input.read(MAX_DEPTH)));
        props.put("maxComplexity", String.valueOf(input.read(MAX_COMPLEXITY)));
        props.put("introspection", String.valueOf(input.read(INTROSPECTION)));
        props.put("timeoutMillis", String.valueOf(translation.timeout() == null ? DEFAULT_TIMEOUT_MILLIS
                : Math.max(1, translation.timeout().toMillis())));
        String server = ctx.uniqueName("translation-" + translation.name() + "-graphql");
        ctx.addBean(server, GraphqlRestServer.class, props);
        opened.attempt().process(server);
        GraphqlAnswers.finish(opened, compilation);
    }
}
