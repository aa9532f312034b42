package io.unikernal.adapter.graphql;

import io.unikernal.adapter.http.HttpIngressRefusals;
import io.unikernal.adapter.http.HttpServerAdapter;
import io.unikernal.runtime.ServedListener;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SharedListener;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.UdlPaths;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.spi.adapter.TlsSettings;
import io.unikernal.udl.spec.ValueKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;

/**
 * {@code graphql}: a GraphQL API from an SDL file read at run time (graphql-java). Each route
 * {@code from: {system: api, field: Query.order}} resolves one field of the query or mutation type: the field's
 * arguments are the message's body, the route's final body is the field's value. Served as {@code POST path} on the
 * app's one HTTP listener (the listener http systems use: same port, host and body limit), with depth and complexity
 * limits checked before any field resolves.
 */
public final class GraphqlAdapter implements Adapter {

    static final String NAME = "graphql";

    static final Option<String> SCHEMA = Option.string("schema")
            .description("The GraphQL SDL file (relative to the UDL file); read when the app compiles and starts."
                    + " Needed to serve fields; for a remote endpoint (url), the operations sent to it are checked"
                    + " against it when the app compiles.")
            .example("api.graphqls");
    static final Option<String> URL = Option.string("url")
            // the endpoint is named in failures and logs: no credentials (authorization holds them), no query
            .pattern("[Hh][Tt][Tt][Pp][Ss]?://[^\\s?#&@]+",
                    "an http(s) URL without a query or credentials, such as http://host:port/graphql")
            .description("The remote GraphQL endpoint to call (needed to call operations); https:// checks the"
                    + " server's certificate against the truststore (the JVM's trust when absent) and the host name.")
            .example("http://127.0.0.1:4000/graphql");
    static final Option<String> AUTHORIZATION = Option.string("authorization").secret().requires("url")
            .description("The Authorization header sent with every call, e.g. \"Bearer ${secret:API_TOKEN}\"; the"
                    + " caller's own Authorization never reaches the remote.")
            .example("\"Bearer ${secret:API_TOKEN}\"");
    static final Option<Duration> CONNECT_TIMEOUT = Option.duration("connectTimeout")
            .defaultValue(Duration.ofSeconds(10))
            .description("How long connecting to the remote may take; the whole call is bounded by the route's"
                    + " timeout (60s when the route sets none).");
    static final Option<Long> MAX_REPLY_BYTES = Option.longInteger("maxReplyBytes").defaultValue(4_194_304L)
            .range(1, Integer.MAX_VALUE - 8)
            .description("The largest reply accepted from the remote, in bytes: a larger one fails the call unread.");
    static final Option<String> PATH = Option.string("path").defaultValue("/graphql")
            .pattern("/[^?#&{}]*", "a path that starts with '/' and holds no '?', '#', '&' or '{'")
            .description("The HTTP path the API is served on (POST, application/json).").example("/graphql");
    static final Option<Integer> MAX_DEPTH = Option.integer("maxDepth").defaultValue(10).range(1, 1000)
            .description("The deepest query accepted; a deeper one is refused with an error before any route runs.");
    static final Option<Integer> MAX_COMPLEXITY = Option.integer("maxComplexity").defaultValue(200)
            .range(1, 1_000_000)
            .description("The most complex query accepted (each field counts 1); a more complex one is refused with"
                    + " an error before any route runs.");
    static final Option<Boolean> INTROSPECTION = Option.bool("introspection").defaultValue(false)
            .description("Answer __schema and __type queries (off by default: the schema is not published to"
                    + " every caller).");
    private static final String FIELD_PATTERN = "[_A-Za-z][_0-9A-Za-z]*\\.[_A-Za-z][_0-9A-Za-z]*";
    static final Option<String> FIELD = Option.string("field").required()
            .pattern(FIELD_PATTERN, "Type.field, e.g. Query.order")
            .description("The field this route resolves, Type.field of the schema's query or mutation type.")
            .example("Query.order");

    static final Option<String> QUERY = Option.string("query").excludes("queryFile")
            .description("The operation to send, a GraphQL query or mutation document written inline; parsed (and"
                    + " checked against the system's schema, when it has one) when the app compiles.")
            .example("\"query Order($id: ID!) { order(id: $id) { id amount } }\"");
    static final Option<String> QUERY_FILE = Option.string("queryFile").excludes("query")
            .description("The operation to send, from a .graphql file (relative to the UDL file); checked as query is.")
            .example("queries/order.graphql");
    static final Option<String> OPERATION_NAME = Option.string("operationName")
            .pattern("[_A-Za-z][_0-9A-Za-z]*", "a GraphQL name")
            .description("Which operation of the document to run; needed when it has several.").example("Order");
    static final Option<Object> VARIABLES = Option.of("variables", ValueKind.EXPRESSION)
            .description("CEL expression whose value (a map) is the operation's variables; the body, a JSON object,"
                    + " when absent.")
            .example("\"{'id': orderId}\"");

    static final ProblemCode BAD_SCHEMA = new PluginProblemCode("GRAPHQL", 1, "an SDL file that cannot be used");
    static final ProblemCode UNKNOWN_FIELD = new PluginProblemCode("GRAPHQL", 2,
            "a field the schema's query and mutation types do not have");
    static final ProblemCode SERVE_WITHOUT_SCHEMA = new PluginProblemCode("GRAPHQL", 3,
            "a graphql system serves a field but has no schema");
    static final ProblemCode CALL_WITHOUT_URL = new PluginProblemCode("GRAPHQL", 4,
            "a graphql system is called but has no url");
    static final ProblemCode BAD_OPERATION = new PluginProblemCode("GRAPHQL", 5,
            "an operation that does not parse, names no operation of its document, or does not fit the schema");

    private static final AdapterInfo INFO = new AdapterInfo(NAME,
            "Serves a GraphQL API from an SDL file read at run time (graphql-java), each Query or Mutation field"
                    + " resolved by a UDL route, on the app's HTTP listener with depth and complexity limits; and"
                    + " calls remote GraphQL endpoints with a query or mutation, the reply's data as the body.",
            "io.unikernal:unikernal-components-graphql");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return Stream.concat(Stream.of(SCHEMA, HttpServerAdapter.PORT, HttpServerAdapter.HOST, PATH,
                HttpServerAdapter.MAX_BODY_BYTES, MAX_DEPTH, MAX_COMPLEXITY, INTROSPECTION, URL, AUTHORIZATION,
                CONNECT_TIMEOUT, MAX_REPLY_BYTES), TlsSettings.OPTIONS.stream()).toList();
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(BAD_SCHEMA, UNKNOWN_FIELD, SERVE_WITHOUT_SCHEMA, CALL_WITHOUT_URL, BAD_OPERATION);
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Server());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new GraphqlClientRole());
    }

    /**
     * Parses the SDL file of a literal path: its problems, with the SDL's line and column, at the option. Text not in
     * a folder of this machine (a worked example read from a jar) is not checked.
     */
    @Override
    public void check(SystemDecl system, Problems problems) {
        OptionValue schema = system.option(SCHEMA.name());
        if (UdlPaths.checkable(schema)) {
            try {
                contract(system);
            } catch (GraphqlContractException e) {
                problems.error(BAD_SCHEMA, schema.pos(), e.getMessage(), "the path is relative to the UDL file, here "
                        + UdlPaths.folderOf(schema.pos()));
            }
        }
    }

    /** The listener when a route serves a field of the system; the remote's client when it has a url. */
    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        if (ctx.document().routes().stream().anyMatch(route -> route.from() != null
                && system.name().equals(route.from().system()))) {
            HttpServerAdapter.contributeListener(system, ctx, NAME);
        }
        if (system.option(URL.name()) != null) {
            GraphqlClientRole.contributeRemote(system, ctx);
        }
    }

    static GraphqlContract contract(SystemDecl system) {
        OptionValue schema = system.option(SCHEMA.name());
        return GraphqlContract.load(UdlPaths.folderOf(schema.pos()).resolve(schema.asString()));
    }

    private static final class Server implements SourceRole {
        @Override
        public List<Option<?>> options() {
            return List.of(FIELD);
        }

        /**
         * The caller waits for the field's value. The app's listener is checked before the app starts (the http
         * adapter's listener probe, which the system contributes): a port another process holds fails the start.
         */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REQUEST_REPLY, Capability.CHECKED_AT_START);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            OptionValue field = use.option(FIELD.name());
            OptionValue schema = system.option(SCHEMA.name());
            if (schema == null) {
                problems.error(SERVE_WITHOUT_SCHEMA, use.pos(), "system " + system.name() + " serves "
                        + UdlPaths.literal(field) + " but has no schema", "add schema: with the API's SDL file to"
                        + " the system (e.g. api.graphqls)");
                return;
            }
            String name = UdlPaths.literal(field);
            if (name == null || !name.matches(FIELD_PATTERN) || !UdlPaths.checkable(schema)) {
                return; // a malformed field is reported by its option's pattern
            }
            GraphqlContract contract;
            try {
                contract = contract(system);
            } catch (GraphqlContractException e) {
                return; // reported by check()
            }
            if (!contract.rootFields().contains(name)) {
                problems.error(UNKNOWN_FIELD, field.pos(), schema.asString() + " has no field " + name,
                        "its query and mutation fields: " + String.join(", ", contract.rootFields()));
            }
        }

        @Override
        public Optional<SharedListener> sharedListener(SystemDecl system) {
            return Optional.of(HttpServerAdapter.sharedListener(system));
        }

        @Override
        public Optional<ServedListener> servedListener(SystemDecl system) {
            return Optional.of(HttpServerAdapter.servedListener());
        }

        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            String path = PATH.text(system);
            String field = FIELD.text(use);
            return Optional.of(new Channel(NAME, path + "#" + field, null, "GraphQL " + field + " on POST " + path));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            SystemDecl system = use.system();
            return EndpointUri.of(GraphqlFieldComponent.SCHEME, ctx.text(use.use(), FIELD))
                    .userParam("schema", UdlPaths.forComponent(system, SCHEMA, ctx))
                    .userParam("path", ctx.text(system, PATH))
                    .param("maxDepth", ctx.text(system, MAX_DEPTH))
                    .param("maxComplexity", ctx.text(system, MAX_COMPLEXITY))
                    .param("introspection", ctx.text(system, INTROSPECTION)).toString();
        }

        /** The arguments already are the payload; a body over the limit gets the listener's JSON refusal. */
        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            StandardNodes.envelope(use.systemName(), route, ctx);
            if (route instanceof RouteDefinition definition) {
                ctx.addBean("http-ingress-refusals", HttpIngressRefusals.class, Map.of());
                definition.routePolicyRef(definition.getRoutePolicyRef() + ",http-ingress-refusals");
            }
        }
    }

}
