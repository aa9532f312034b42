package io.unikernal.translate.rest;

import io.unikernal.adapter.grpc.GrpcAdapter;
import io.unikernal.adapter.grpc.GrpcCallEnvelope;
import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.translate.spi.Translation;
import io.unikernal.translate.spi.TranslationKind;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;

/**
 * REST to gRPC from the target's {@code .proto} read at run time: every unary and server-streaming method at its
 * {@code google.api.http} bindings and at {@code POST {path}/{Method}} and {@code POST {path}/{package.Service}/{Method}}, the request's proto3 JSON as the
 * body, the reply's as the response; gRPC statuses as grpc-gateway maps them to HTTP. One Camel route per
 * translation: the HTTP source's endpoint (matching every path under the translation's), its normalizer, then
 * {@link RestGrpcRequest} (which method, the deadline, the metadata), the grpc-dynamic producer through a
 * {@code toD} on the method it chose, and {@link RestGrpcReply}; a failure anywhere is answered by
 * {@link RestGrpcError}.
 */
public final class RestToGrpc implements TranslationKind {

    static final ProblemCode NOT_HTTP = new PluginProblemCode("TRANSLATE", 3,
            "a REST translation is exposed on a system that does not serve HTTP");

    /** The exchange property holding the method {@link RestGrpcRequest} chose, for the {@code toD}. */
    static final String METHOD_PROPERTY = "UnikernalTranslateGrpcMethod";

    @Override
    public String protocol() {
        return "rest";
    }

    @Override
    public String targetAdapter() {
        return "grpc";
    }

    @Override
    public String description() {
        return "every unary and server-streaming method of the .proto at its google.api.http bindings (verbs, path"
                + " templates, body and response_body rules, query parameters) and at POST {path}/{Method} and POST"
                + " {path}/{package.Service}/{Method}: proto3 JSON in and out (a server stream as newline-delimited"
                + " JSON), gRPC statuses as grpc-gateway's HTTP statuses with {code, message, details} bodies,"
                + " grpc-timeout or the translation's timeout as the call's deadline, Grpc-Metadata-* headers as"
                + " metadata both ways";
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(NOT_HTTP);
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        GrpcAdapter.checkCallable(target, translation.target().pos(), checks.problems());
        SourceRole source = source(expose);
        Channel channel = source == null ? null : source.consumes(expose, translation.expose()).orElse(null);
        if (channel == null || !channel.transport().equals("http")) {
            checks.problems().error(NOT_HTTP, translation.expose().pos(), "system " + expose.name() + " (adapter "
                    + expose.adapter() + ") does not serve HTTP, so it cannot expose REST", "expose the translation"
                    + " on a system of adapter http");
        }
    }

    private static SourceRole source(SystemDecl system) {
        var adapter = Adapters.installed().get(system.adapter());
        return adapter == null ? null : adapter.source().orElse(null);
    }

    @Override
    public void compile(Translation translation, SystemDecl expose, SystemDecl target, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        String id = "translation-" + translation.name();
        SourceRole source = source(expose);
        // every verb (annotated bindings use them all) and every path under the translation's is this route's;
        // the method is read from the verb and the rest of the path
        EndpointRef use = translation.expose();
        SystemUse served = SystemUse.of(expose, use);
        RouteDefinition route = new RouteDefinition();
        route.routeId(id);
        route.from(EndpointUri.from(source.uri(served, ctx)).param("matchOnUriPrefix", true).toString());
        source.normalize(served, route, ctx);
        // the source's normalizer (a body that is no JSON: 400, another Content-Type: 415) runs inside the try, so
        // its refusals get the translation's error body too; the route policies it set stay on the route
        List<ProcessorDefinition<?>> normalizers = List.copyOf(route.getOutputs());
        route.getOutputs().clear();
        ctx.addBean(TranslationMetrics.START_BEAN, TranslationMetrics.class, Map.of());
        route.process(TranslationMetrics.START_BEAN);
        TryDefinition attempt = route.doTry();
        normalizers.forEach(attempt::addOutput);

        String request = ctx.uniqueName(id + "-request");
        ctx.addBean(request, RestGrpcRequest.class, Map.of("proto", GrpcAdapter.protoPath(target, ctx)));
        attempt.process(request);
        ctx.addBean("grpc-call-envelope", GrpcCallEnvelope.class, Map.of());
        attempt.process("grpc-call-envelope");
        ctx.addBean(RestGrpcHeaderFilter.BEAN, RestGrpcHeaderFilter.class, Map.of());
        EndpointUri call = GrpcAdapter.callEndpoint(target, "${exchangeProperty." + METHOD_PROPERTY + "}",
                RestGrpcHeaderFilter.BEAN, ctx);
        if (translation.timeout() != null) {
            call.param("timeout", Math.max(1, translation.timeout().toMillis()));
        }
        attempt.toD(call.toString());
        ctx.addBean(RestGrpcReply.BEAN, RestGrpcReply.class, Map.of());
        attempt.process(RestGrpcReply.BEAN);
        ctx.addBean(RestGrpcError.BEAN, RestGrpcError.class, Map.of());
        attempt.doCatch(Exception.class).process(RestGrpcError.BEAN);
        attempt.end();
        compilation.addRoute(route);
    }
}
