package io.unikernal.translate.graphql;

import graphql.schema.GraphQLSchema;
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
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.UdlKey;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * REST to GraphQL: {@code POST {path}/{operation}} with the variables as the JSON body runs that named operation of a
 * {@code .graphql} document against the target graphql system's endpoint ({@code url}). One Camel route: the HTTP
 * source (every path under the translation's), its JSON normalizer, {@link RestGraphqlCall}; a refusal is answered by
 * {@link GraphqlAnswers}.
 */
public final class RestToGraphql implements TranslationKind {

    static final ProblemCode BAD_OPERATIONS = new PluginProblemCode("TRANSLATE", 31,
            "a REST to GraphQL translation whose operations or target cannot be used");

    static final Option<String> OPERATIONS = Option.string("operations")
            .description("REST to GraphQL: the .graphql document of named queries and mutations served at POST"
                    + " {path}/{name} (relative to the UDL file); checked against the target's schema when it has"
                    + " one.").example("operations.graphql");

    @Override
    public String protocol() {
        return "rest";
    }

    @Override
    public String targetAdapter() {
        return "graphql";
    }

    @Override
    public String description() {
        return "every named query and mutation of the operations document at POST {path}/{name}, the JSON body as"
                + " its variables (checked against the operation's variable definitions before anything is sent),"
                + " the answer's data as the JSON reply; GraphQL errors as HTTP statuses (partial data 200 with"
                + " {data, errors}, a refused request 400, no data 502), an unknown operation 404";
    }

    @Override
    public List<UdlKey> itemKeys() {
        return List.of(OPERATIONS.key());
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(HttpExposure.NOT_HTTP, BAD_OPERATIONS);
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        HttpExposure.check(translation, expose, checks, "REST");
        Problems problems = checks.problems();
        if (target.option("url") == null) {
            problems.error(BAD_OPERATIONS, translation.target().pos(), "system " + target.name() + " has no url, so"
                    + " it cannot be called", "add url: with its GraphQL endpoint (e.g. http://127.0.0.1:4000/graphql)");
        }
        StepInput operations = translation.input().get(OPERATIONS.name()).orElse(null);
        if (operations == null || operations.text() == null) {
            problems.error(BAD_OPERATIONS, translation.pos(), "translation " + translation.name() + " has no"
                    + " operations", "add operations: with the .graphql document of the named operations it serves");
            return;
        }
        GraphQLSchema schema = null;
        OptionValue sdl = target.option("schema");
        if (UdlPaths.checkable(sdl)) {
            try {
                schema = GraphqlContract.load(UdlPaths.folderOf(sdl.pos()).resolve(sdl.asString())).schema();
            } catch (GraphqlContractException e) {
                schema = null; // the graphql adapter's own check reports it
            }
        }
        try {
            GraphqlOperations.check(UdlPaths.folderOf(operations.pos()).resolve(operations.text()), schema);
        } catch (GraphqlContractException | java.nio.file.InvalidPathException e) {
            problems.error(BAD_OPERATIONS, operations.pos(), e.getMessage(), (schema == null ? ""
                    : "checked against " + sdl.asString() + "; ") + "the path is relative to the UDL file, here "
                    + UdlPaths.folderOf(operations.pos()));
        }
    }

    @Override
    public void compile(Translation translation, SystemDecl expose, SystemDecl target, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        HttpExposure.Opened opened = HttpExposure.open(translation, expose, ctx,
                uri -> uri.param("matchOnUriPrefix", true), List.of());
        Path file = Path.of(translation.input().get(OPERATIONS.name()).orElseThrow().text());
        Map<String, String> props = new LinkedHashMap<>();
        props.put("operations", (file.isAbsolute() ? file : ctx.baseDir().resolve(file)).normalize().toString());
        props.put("remote", "#bean:" + ctx.systemBean(target));
        props.put("timeoutMillis", String.valueOf(translation.timeout() == null ? GraphqlToRest.DEFAULT_TIMEOUT_MILLIS
                : Math.max(1, translation.timeout().toMillis())));
        String call = ctx.uniqueName("translation-" + translation.name() + "-call");
        ctx.addBean(call, RestGraphqlCall.class, props);
        opened.attempt().process(call);
        GraphqlAnswers.finish(opened, compilation);
    }
}
