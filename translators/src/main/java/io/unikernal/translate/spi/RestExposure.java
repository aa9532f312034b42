package io.unikernal.translate.spi;

import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.SystemDecl;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;

/**
 * What every translation that exposes REST shares (REST to gRPC, REST to SOAP): the exposing system must serve HTTP;
 * one route takes every verb and every path under the translation's, the HTTP source's normalizer inside the
 * {@code doTry} so that its refusals get the translation's error body; the request's path under the translation's;
 * the status, content type and correlation id of each answer.
 */
public final class RestExposure {

    public static final ProblemCode NOT_HTTP = new PluginProblemCode("TRANSLATE", 3,
            "a REST translation is exposed on a system that does not serve HTTP");

    /** The route of a translation and the {@code doTry} its work goes in (the normalizer already there). */
    public record Opened(RouteDefinition route, TryDefinition attempt) {
    }

    private RestExposure() {
    }

    /** Reports an exposing system that does not serve HTTP ({@link #NOT_HTTP}). */
    public static void check(Translation translation, SystemDecl expose, SectionChecks checks) {
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

    /**
     * Starts the route {@code translation-<name>}: from the HTTP source's endpoint matching every path under the
     * translation's (any verb), the metrics clock, then a {@code doTry} holding the source's normalizer (no JSON: 400,
     * another Content-Type: 415); the route policies the source set stay on the route.
     */
    public static Opened open(Translation translation, SystemDecl expose, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        SourceRole source = source(expose);
        SystemUse served = SystemUse.of(expose, translation.expose());
        RouteDefinition route = new RouteDefinition();
        route.routeId("translation-" + translation.name());
        route.from(EndpointUri.from(source.uri(served, ctx)).param("matchOnUriPrefix", true).toString());
        source.normalize(served, route, ctx);
        List<ProcessorDefinition<?>> normalizers = List.copyOf(route.getOutputs());
        route.getOutputs().clear();
        ctx.addBean(TranslationMetrics.START_BEAN, TranslationMetrics.class, Map.of());
        route.process(TranslationMetrics.START_BEAN);
        TryDefinition attempt = route.doTry();
        normalizers.forEach(attempt::addOutput);
        return new Opened(route, attempt);
    }

    /** The request's path under the translation's, without leading slashes ({@code Pay}, {@code pkg.Svc/Pay}). */
    public static String pathUnder(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String base = exchange.getFromEndpoint() instanceof PlatformHttpEndpoint http ? http.getPath() : "";
        String named = path == null || !path.startsWith(base) ? "" : path.substring(base.length());
        while (named.startsWith("/")) {
            named = named.substring(1);
        }
        return named;
    }

    /** Status, content type and correlation id of a translation's response. */
    public static void envelope(Message message, int status, String correlation, String contentType) {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        if (correlation != null) {
            message.setHeader("X-Correlation-Id", correlation);
        }
    }
}
