package io.unikernal.translate.spi;

import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.SystemDecl;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;

/**
 * What every translation served over HTTP (REST, GraphQL) shares: the check that the exposing system serves HTTP, and
 * the start of its route — the HTTP source's own endpoint and normalizer, the normalizer moved inside the route's
 * {@code doTry} so that its refusals (415, malformed JSON) are answered in the translation's own error shape, the
 * route policies it set kept on the route, and the clock of {@link TranslationMetrics} started first.
 */
public final class HttpExposure {

    public static final ProblemCode NOT_HTTP = new PluginProblemCode("TRANSLATE", 3,
            "a translation over HTTP (REST, GraphQL) is exposed on a system that does not serve HTTP");

    private HttpExposure() {
    }

    /** The route of a translation served over HTTP, and the {@code doTry} its steps go in. */
    public record Opened(RouteDefinition route, TryDefinition attempt) {
    }

    /** NOT_HTTP at the item's expose when its system's source does not serve HTTP. */
    public static void check(Translation translation, SystemDecl expose, SectionChecks checks, String protocol) {
        SourceRole source = source(expose);
        Channel channel = source == null ? null : source.consumes(expose, translation.expose()).orElse(null);
        if (channel == null || !channel.transport().equals("http")) {
            checks.problems().error(NOT_HTTP, translation.expose().pos(), "system " + expose.name() + " (adapter "
                    + expose.adapter() + ") does not serve HTTP, so it cannot expose " + protocol,
                    "expose the translation on a system of adapter http");
        }
    }

    /**
     * Starts the route {@code translation-<name>}: {@code from} the HTTP source's URI with {@code params} added, the
     * metrics clock, then a {@code doTry} holding the beans {@code before} (which may adapt the request for the
     * normalizer) and the source's normalizer.
     */
    public static Opened open(Translation translation, SystemDecl expose, CompileContext ctx,
            UnaryOperator<EndpointUri> params, List<String> before) {
        SourceRole source = source(expose);
        SystemUse served = SystemUse.of(expose, translation.expose());
        RouteDefinition route = new RouteDefinition();
        route.routeId("translation-" + translation.name());
        route.from(params.apply(EndpointUri.from(source.uri(served, ctx))).toString());
        source.normalize(served, route, ctx);
        List<ProcessorDefinition<?>> normalizers = List.copyOf(route.getOutputs());
        route.getOutputs().clear();
        ctx.addBean(TranslationMetrics.START_BEAN, TranslationMetrics.class, Map.of());
        route.process(TranslationMetrics.START_BEAN);
        TryDefinition attempt = route.doTry();
        before.forEach(attempt::process);
        normalizers.forEach(attempt::addOutput);
        return new Opened(route, attempt);
    }

    /** The exposing system's source role (checked to exist by the section). */
    public static SourceRole source(SystemDecl system) {
        var adapter = Adapters.installed().get(system.adapter());
        return adapter == null ? null : adapter.source().orElse(null);
    }
}
