package io.unikernal.adapter.graphql;

import static io.unikernal.adapter.graphql.GraphqlAdapter.AUTHORIZATION;
import static io.unikernal.adapter.graphql.GraphqlAdapter.BAD_OPERATION;
import static io.unikernal.adapter.graphql.GraphqlAdapter.CALL_WITHOUT_URL;
import static io.unikernal.adapter.graphql.GraphqlAdapter.CONNECT_TIMEOUT;
import static io.unikernal.adapter.graphql.GraphqlAdapter.MAX_REPLY_BYTES;
import static io.unikernal.adapter.graphql.GraphqlAdapter.OPERATION_NAME;
import static io.unikernal.adapter.graphql.GraphqlAdapter.QUERY;
import static io.unikernal.adapter.graphql.GraphqlAdapter.QUERY_FILE;
import static io.unikernal.adapter.graphql.GraphqlAdapter.SCHEMA;
import static io.unikernal.adapter.graphql.GraphqlAdapter.URL;
import static io.unikernal.adapter.graphql.GraphqlAdapter.VARIABLES;

import graphql.schema.GraphQLSchema;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.ExpressionOptions;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.spi.adapter.TlsSettings;
import io.unikernal.spi.adapter.UdlPaths;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.language.LanguageExpression;

/**
 * The graphql adapter's target role: a {@code to:} a system with a {@code url} sends the use's operation (query or
 * queryFile, operationName) with the body, or the {@code variables} expression's value, as its variables, and the
 * reply's {@code data} becomes the body ({@link GraphqlCall} over the system's {@link GraphqlRemote}).
 */
final class GraphqlClientRole implements TargetRole {

    @Override
    public List<Option<?>> options() {
        return List.of(QUERY, QUERY_FILE, OPERATION_NAME, VARIABLES);
    }

    /**
     * The envelope travels as X-Correlation-Id and Udm* headers, the call's idempotency key as Idempotency-Key; the
     * call is bounded by the route's timeout.
     */
    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.REMOTE_SERVER, Capability.CLIENT_TIMEOUT, Capability.NATIVE_HEADERS,
                Capability.SENDS_IDEMPOTENCY_KEY);
    }

    /**
     * The url, one of query and queryFile, the operation (parsed; against the system's schema when it has one; with
     * the document's own line and column), the variables expression's syntax.
     */
    @Override
    public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
        if (system.option(URL.name()) == null) {
            problems.error(CALL_WITHOUT_URL, use.pos(), "system " + system.name() + " is called but has no url",
                    "add url: with the remote endpoint to the system (e.g. http://127.0.0.1:4000/graphql)");
        }
        OptionValue variables = use.option(VARIABLES.name());
        ExpressionOptions.checkSyntax(variables, problems);
        OptionValue query = use.option(QUERY.name());
        OptionValue file = use.option(QUERY_FILE.name());
        if (query == null && file == null) {
            problems.error(BAD_OPERATION, use.pos(), "a call to " + system.name() + " names no operation",
                    "add query: with the document, or queryFile: with its .graphql file");
            return;
        }
        checkOperation(system, use, query != null ? query : file, problems);
    }

    private static void checkOperation(SystemDecl system, EndpointRef use, OptionValue given, Problems problems) {
        String text = UdlPaths.literal(given);
        OptionValue name = use.option(OPERATION_NAME.name());
        if (text == null || (given == use.option(QUERY_FILE.name()) && !UdlPaths.checkable(given))
                || (name != null && UdlPaths.literal(name) == null)) {
            return; // known only at run time, or a worked example read from a jar
        }
        GraphQLSchema schema;
        try {
            schema = UdlPaths.checkable(system.option(SCHEMA.name())) ? GraphqlAdapter.contract(system).schema()
                    : null;
        } catch (GraphqlContractException e) {
            schema = null; // the system's check reports it
        }
        String operationName = name == null ? null : name.asString();
        boolean inFile = given == use.option(QUERY_FILE.name());
        String where = inFile ? "the path is relative to the UDL file, here " + UdlPaths.folderOf(given.pos())
                : "the document's line:col are counted from its first character";
        try {
            if (inFile) {
                GraphqlOperation.fromFile(UdlPaths.folderOf(given.pos()).resolve(text), operationName, schema);
            } else {
                GraphqlOperation.of(text, operationName, schema, "query");
            }
        } catch (GraphqlContractException e) {
            problems.error(BAD_OPERATION, given.pos(), e.getMessage(), schema == null ? where
                    : "checked against " + system.option(SCHEMA.name()).asString() + "; " + where);
        }
    }

    @Override
    public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
        EndpointRef to = use.use();
        OptionValue variables = to.option(VARIABLES.name());
        if (variables != null) {
            block.setProperty(GraphqlCall.VARIABLES_PROPERTY, new LanguageExpression("cel", variables.asString()));
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("remote", "#bean:" + ctx.systemBean(use.system()));
        props.put("variablesMapped", String.valueOf(variables != null));
        if (to.option(QUERY_FILE.name()) != null) {
            props.put("documentFile", file(to.option(QUERY_FILE.name()), ctx));
        } else {
            props.put("document", ctx.text(to, QUERY));
        }
        String operationName = ctx.text(to, OPERATION_NAME);
        if (operationName != null) {
            props.put("operationName", operationName);
        }
        use.timeout().ifPresent(timeout -> props.put("timeoutMillis", String.valueOf(Math.max(1,
                timeout.toMillis()))));
        String name = ctx.uniqueName("graphql-call-" + use.systemName());
        ctx.addBean(name, GraphqlCall.class, props);
        block.process(name);
        StandardNodes.parseJson(block, ctx);
    }

    /** The system's {@link GraphqlRemote} (bean {@code system.<name>}), with TLS for https or given stores. */
    static void contributeRemote(SystemDecl system, CompileContext ctx) {
        Map<String, String> props = new LinkedHashMap<>();
        String url = ctx.text(system, URL);
        props.put("url", url);
        String authorization = ctx.text(system, AUTHORIZATION);
        if (authorization != null) {
            // {{secret:NAME}}: Camel resolves it when it builds the bean, the files keep the placeholder
            props.put("authorization", authorization);
        }
        props.put("connectTimeout", ctx.text(system, CONNECT_TIMEOUT));
        props.put("maxReplyBytes", ctx.text(system, MAX_REPLY_BYTES));
        if (TlsSettings.storesGiven(system) || url.toLowerCase(Locale.ROOT).startsWith("https:")) {
            props.put("tls", TlsSettings.contribute(system, ctx));
        }
        ctx.addBean(ctx.systemBean(system), GraphqlRemote.class, props);
    }

    /** A file option of a use as an absolute path (relative ones against the UDL file's folder); references kept. */
    private static String file(OptionValue value, CompileContext ctx) {
        String text = ctx.text(value, null);
        String literal = UdlPaths.literal(value);
        if (literal == null) {
            return text;
        }
        Path path = Path.of(literal);
        return path.isAbsolute() ? path.toString() : ctx.baseDir().resolve(path).normalize().toString();
    }
}
