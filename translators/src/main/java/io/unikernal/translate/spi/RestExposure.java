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
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;

/**
 * What every REST-exposed translation shares: it is exposed on a system that serves HTTP, and its route takes every
 * verb and every path under the translation's from the HTTP source, runs the source's normaliser inside its
 * {@code doTry} (so the refusals it makes, 415 and 400, get the translation's own error answer) and starts the
 * {@link TranslationMetrics} clock before.
 */
public final class RestExposure {

    public static final ProblemCode NOT_HTTP = new PluginProblemCode("TRANSLATE", 3,
            "a REST translation is exposed on a system that does not serve HTTP");

    private RestExposure() {
    }

    /** {@link #NOT_HTTP} at the expose when the exposing system's source does not serve HTTP. */
    public static void checkServesHttp(Translation translation, SystemDecl expose, SectionChecks checks) {
        SourceRole source = source(expose);
        Channel channel = source == null ? null : source.consumes(expose, translation.expose()).orElse(null);
        if (channel == null || !channel.transport().equals("http")) {
            checks.problems().error(NOT_HTTP, translation.expose().pos(), "system " + expose.name() + " (adapter "
                    + expose.adapter() + ") does not serve HTTP, so it cannot expose REST", "expose the translation"
                    + " on a system of adapter http");
        }
    }

    /** The exposing system's source role (checked to exist by the section). */
    public static SourceRole source(SystemDecl system) {
        var adapter = Adapters.installed().get(system.adapter());
        return adapter == null ? null : adapter.source().orElse(null);
    }

    /**
     * Starts the route {@code translation-<name>} from the exposing HTTP source (every path under the translation's)
     * and returns its {@code doTry}, which holds the source's normaliser; the route policies the normaliser set stay on
     * the route. The caller adds the call, a {@code doCatch} and ends the try.
     */
    public static TryDefinition open(Translation translation, SystemDecl expose, CompileContext ctx,
            RouteDefinition route) {
        SourceRole source = source(expose);
        SystemUse served = SystemUse.of(expose, translation.expose());
        route.routeId("translation-" + translation.name());
        route.from(EndpointUri.from(source.uri(served, ctx)).param("matchOnUriPrefix", true).toString());
        source.normalize(served, route, ctx);
        List<ProcessorDefinition<?>> normalizers = List.copyOf(route.getOutputs());
        route.getOutputs().clear();
        ctx.addBean(TranslationMetrics.START_BEAN, TranslationMetrics.class, Map.of());
        route.process(TranslationMetrics.START_BEAN);
        TryDefinition attempt = route.doTry();
        normalizers.forEach(attempt::addOutput);
        return attempt;
    }
}
