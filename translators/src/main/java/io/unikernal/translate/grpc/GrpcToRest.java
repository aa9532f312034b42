package io.unikernal.translate.grpc;

import io.unikernal.adapter.grpc.GrpcAdapter;
import io.unikernal.adapter.grpc.component.GrpcDynamicEndpoint;
import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.translate.spi.Translation;
import io.unikernal.translate.spi.TranslationKeys;
import io.unikernal.translate.spi.TranslationKind;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.UdlKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;

/**
 * gRPC to REST: the exposed grpc system serves every method of its {@code .proto} (read at run time, looked up per
 * call), and each unary call becomes an HTTP call of the target http-client system — at the method's
 * {@code google.api.http} binding used in reverse, else {@code POST {url}{path}/{Method}} — with the request's proto3
 * JSON; the JSON reply is read strictly into the method's output type and HTTP statuses become gRPC statuses
 * ({@link HttpGrpcStatus}). One Camel route per translation: the grpc adapter's serving endpoint
 * ({@code grpc-dynamic:*}), its normalizer, {@link GrpcRestRequest} (the HTTP request), {@link GrpcRestCall} (the call,
 * bounded by the caller's deadline), {@link GrpcRestReply}; a failure anywhere is answered by {@link GrpcRestError}.
 */
public final class GrpcToRest implements TranslationKind {

    static final ProblemCode NOT_GRPC = new PluginProblemCode("TRANSLATE", 5,
            "a gRPC translation is exposed on a system that does not serve gRPC");

    /** The REST service's path under the target's URL; the methods' paths are appended to it. */
    static final Option<String> TARGET_PATH = TranslationKeys.CALL_PATH;

    /** Exchange property: the method called, package.Service/Method (for metrics and logs). */
    static final String METHOD_NAME_PROPERTY = "UnikernalTranslateGrpcRestMethod";

    @Override
    public String protocol() {
        return "grpc";
    }

    @Override
    public String targetAdapter() {
        return "http-client";
    }

    @Override
    public String description() {
        return "every unary method of the exposed grpc system's .proto calls the REST service: at its google.api.http"
                + " binding in reverse (verb, path template, body, response_body, the other fields as query"
                + " parameters), else POST {url}{path}/{Method}, with the request's proto3 JSON; the JSON reply read"
                + " strictly into the output message; HTTP statuses as the inverse of grpc-gateway's table, the error"
                + " body's message as the description; the caller's deadline (and the timeout) bounds the HTTP call;"
                + " metadata as Grpc-Metadata-* headers both ways";
    }

    @Override
    public boolean exposesWholeSystem() {
        return true;
    }

    @Override
    public List<UdlKey> targetKeys() {
        return List.of(TARGET_PATH.key());
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(NOT_GRPC);
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        if (!expose.adapter().equals("grpc")) {
            checks.problems().error(NOT_GRPC, translation.expose().pos(), "system " + expose.name() + " (adapter "
                    + expose.adapter() + ") does not serve gRPC, so it cannot expose a gRPC translation",
                    "expose the translation on a system of adapter grpc with a port and a proto");
            return;
        }
        GrpcAdapter.checkServable(expose, translation.expose().pos(), checks.problems());
        translation.targetInput().get(TARGET_PATH.name()).filter(p -> !TranslationKeys.isBasePath(p.text()))
                .ifPresent(p -> checks.problems().error(io.unikernal.udl.error.UdlErrorCode.BAD_VALUE, p.pos(),
                        "path '" + p.text() + "' is not a base path: a gRPC translation's calls add the method's path"
                                + " to it", "write empty or segments each after a '/' (letters, digits, '._~-'),"
                                + " e.g. /v1"));
    }

    @Override
    public void compile(Translation translation, SystemDecl expose, SystemDecl target, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        String id = "translation-" + translation.name();
        RouteDefinition route = new RouteDefinition();
        route.routeId(id);
        route.from(GrpcAdapter.serveEndpoint(expose, GrpcDynamicEndpoint.EVERY_METHOD, ctx).toString());
        ctx.addBean(TranslationMetrics.START_BEAN, TranslationMetrics.class, Map.of());
        route.process(TranslationMetrics.START_BEAN);
        TryDefinition attempt = route.doTry();
        // the grpc source's normalizer: the envelope, the caller's x-correlation-id adopted
        SourceRole source = Adapters.installed().get(expose.adapter()).source().orElseThrow();
        source.normalize(SystemUse.of(expose, translation.expose()), attempt, ctx);

        String request = ctx.uniqueName(id + "-request");
        ctx.addBean(request, GrpcRestRequest.class, Map.of("url", baseUrl(translation, target, ctx)));
        attempt.process(request);
        String call = ctx.uniqueName(id + "-call");
        Map<String, String> limits = new LinkedHashMap<>();
        limits.put("maxReplyBytes", GrpcAdapter.maxMessageBytes(expose, ctx));
        if (translation.timeout() != null) {
            limits.put("timeout", String.valueOf(Math.max(1, translation.timeout().toMillis())));
        }
        ctx.addBean(call, GrpcRestCall.class, limits);
        attempt.process(call);
        ctx.addBean(GrpcRestReply.BEAN, GrpcRestReply.class, Map.of());
        attempt.process(GrpcRestReply.BEAN);
        ctx.addBean(GrpcRestError.BEAN, GrpcRestError.class, Map.of());
        attempt.doCatch(Exception.class).process(GrpcRestError.BEAN);
        attempt.end();
        compilation.addRoute(route);
    }

    /** The target's url and the translation's path under it, without a trailing slash. */
    private static String baseUrl(Translation translation, SystemDecl target, CompileContext ctx) {
        String url = ctx.text(target.option("url"), "");
        String path = translation.targetInput().read(TARGET_PATH);
        return strip(url) + strip(path == null ? "" : path);
    }

    private static String strip(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
