package io.unikernal.translate.rest;

import io.unikernal.adapter.grpc.component.GrpcDynamicEndpoint;
import io.unikernal.adapter.grpc.GrpcAdapter;
import io.unikernal.adapter.grpc.GrpcCallEnvelope;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.translate.spi.HttpExposure;
import io.unikernal.translate.spi.Translation;
import io.unikernal.translate.spi.TranslationKind;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.SystemDecl;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;

/**
 * REST to gRPC from the target's {@code .proto} read at run time: every unary and server-streaming method at its
 * {@code google.api.http} bindings and at {@code POST {path}/{Method}} and {@code POST {path}/{package.Service}/{Method}}, the request's proto3 JSON as the
 * body, the reply's as the response; gRPC statuses as grpc-gateway maps them to HTTP. One Camel route per
 * translation: the HTTP source's endpoint (matching every path under the translation's), its normalizer, then
 * {@link RestGrpcRequest} (which method, the deadline, the metadata), the grpc-dynamic producer of every method
 * ({@code grpc-dynamic:*}, calling the method it chose), and {@link RestGrpcReply}; a failure anywhere is answered by
 * {@link RestGrpcError}.
 */
public final class RestToGrpc implements TranslationKind {

    /** The exchange property holding the full name of the method {@link RestGrpcRequest} chose (metrics, errors). */
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
        return List.of(HttpExposure.NOT_HTTP);
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        GrpcAdapter.checkCallable(target, translation.target().pos(), checks.problems());
        HttpExposure.check(translation, expose, checks, "REST");
    }

    @Override
    public void compile(Translation translation, SystemDecl expose, SystemDecl target, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        String id = "translation-" + translation.name();
        // every verb (annotated bindings use them all) and every path under the translation's is this route's;
        // the method is read from the verb and the rest of the path
        HttpExposure.Opened opened = HttpExposure.open(translation, expose, ctx,
                uri -> uri.param("matchOnUriPrefix", true), List.of());
        RouteDefinition route = opened.route();
        TryDefinition attempt = opened.attempt();

        String request = ctx.uniqueName(id + "-request");
        ctx.addBean(request, RestGrpcRequest.class, Map.of("proto", GrpcAdapter.protoPath(target, ctx)));
        attempt.process(request);
        ctx.addBean("grpc-call-envelope", GrpcCallEnvelope.class, Map.of());
        attempt.process("grpc-call-envelope");
        ctx.addBean(RestGrpcHeaderFilter.BEAN, RestGrpcHeaderFilter.class, Map.of());
        // one endpoint for every method, the method chosen per request by RestGrpcRequest: a plain `to`, no toD
        EndpointUri call = GrpcAdapter.callEndpoint(target, GrpcDynamicEndpoint.EVERY_METHOD,
                RestGrpcHeaderFilter.BEAN, ctx);
        if (translation.timeout() != null) {
            call.param("timeout", Math.max(1, translation.timeout().toMillis()));
        }
        // what follows the call (RestGrpcReply, RestGrpcError) maps JSON and never blocks: no hop to gRPC's executor
        call.param("repliesOnTransport", true);
        attempt.to(call.toString());
        ctx.addBean(RestGrpcReply.BEAN, RestGrpcReply.class, Map.of());
        attempt.process(RestGrpcReply.BEAN);
        ctx.addBean(RestGrpcError.BEAN, RestGrpcError.class, Map.of());
        attempt.doCatch(Exception.class).process(RestGrpcError.BEAN);
        attempt.end();
        compilation.addRoute(route);
    }
}
