package io.unikernal.translate.soap;

import io.unikernal.adapter.soap.SoapAdapter;
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
import io.unikernal.udl.model.SystemDecl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;

/**
 * REST to SOAP from the target's WSDL read at run time: every operation at {@code POST {path}/{Operation}} and
 * {@code POST {path}/{Service}/{Operation}}, the body the JSON of the operation's input element, the response the
 * JSON of its output element, a SOAP fault an HTTP error carrying its code, string and detail. One Camel route per
 * translation: the HTTP source's endpoint (every path under the translation's), its normalizer, then
 * {@link RestSoapRequest} (which operation, the body checked against the schema), the soap adapter's own call
 * endpoint through a {@code toD} on the operation it chose, and {@link RestSoapReply}; a failure anywhere is answered
 * by {@link RestSoapError}.
 */
public final class RestToSoap implements TranslationKind {

    static final ProblemCode NOT_HTTP = new PluginProblemCode("TRANSLATE", 3,
            "a REST translation is exposed on a system that does not serve HTTP");

    /** The exchange property holding the operation {@link RestSoapRequest} chose, for the {@code toD}. */
    static final String OPERATION_PROPERTY = "UnikernalTranslateSoapOperation";
    /** Exchange property: true when the chosen operation is one-way (no response element). */
    static final String ONE_WAY_PROPERTY = "UnikernalTranslateSoapOneWay";

    @Override
    public String protocol() {
        return "rest";
    }

    @Override
    public String targetAdapter() {
        return "soap";
    }

    @Override
    public String description() {
        return "every operation of the WSDL (document/literal, SOAP 1.1 or 1.2) at POST {path}/{Operation} and POST"
                + " {path}/{Service}/{Operation}: the JSON body as the operation's input element (typed and checked"
                + " by the WSDL's schema, SOAPAction from the binding), the output element as JSON, SOAP faults as"
                + " HTTP errors (Client/Sender 400, others 502) with {faultcode, faultstring, detail} bodies";
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(NOT_HTTP);
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        SoapAdapter.checkCallable(target, translation.target().pos(), checks.problems());
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
        SystemUse served = SystemUse.of(expose, translation.expose());
        RouteDefinition route = new RouteDefinition();
        route.routeId(id);
        route.from(EndpointUri.from(source.uri(served, ctx)).param("matchOnUriPrefix", true).toString());
        source.normalize(served, route, ctx);
        // the source's normalizer (no JSON: 400, another Content-Type: 415) runs inside the try, so its refusals
        // get the translation's error body too; the route policies it set stay on the route
        List<ProcessorDefinition<?>> normalizers = List.copyOf(route.getOutputs());
        route.getOutputs().clear();
        ctx.addBean(TranslationMetrics.START_BEAN, TranslationMetrics.class, Map.of());
        route.process(TranslationMetrics.START_BEAN);
        TryDefinition attempt = route.doTry();
        normalizers.forEach(attempt::addOutput);

        String request = ctx.uniqueName(id + "-request");
        Map<String, String> settings = new HashMap<>();
        settings.put("wsdl", SoapAdapter.wsdlPath(target, ctx));
        String service = SoapAdapter.serviceName(target, ctx);
        if (service != null) {
            settings.put("service", service);
        }
        ctx.addBean(request, RestSoapRequest.class, settings);
        attempt.process(request);
        attempt.toD(SoapAdapter.callEndpoint(target, "${exchangeProperty." + OPERATION_PROPERTY + "}", ctx));
        ctx.addBean(RestSoapReply.BEAN, RestSoapReply.class, Map.of());
        attempt.process(RestSoapReply.BEAN);
        ctx.addBean(RestSoapError.BEAN, RestSoapError.class, Map.of());
        attempt.doCatch(Exception.class).process(RestSoapError.BEAN);
        attempt.end();
        compilation.addRoute(route);
    }
}
