package io.unikernal.translate.soap;

import io.unikernal.adapter.soap.SoapAdapter;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.translate.spi.HttpExposure;
import io.unikernal.translate.spi.Translation;
import io.unikernal.translate.spi.TranslationKind;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.SystemDecl;
import java.util.List;
import java.util.Map;
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
        return List.of(HttpExposure.NOT_HTTP);
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        SoapAdapter.checkCallable(target, translation.target().pos(), checks.problems());
        HttpExposure.check(translation, expose, checks, "REST");
    }

    @Override
    public void compile(Translation translation, SystemDecl expose, SystemDecl target, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        String id = "translation-" + translation.name();
        HttpExposure.Opened opened = HttpExposure.open(translation, expose, ctx,
                uri -> uri.param("matchOnUriPrefix", true), List.of());
        TryDefinition attempt = opened.attempt();

        String request = ctx.uniqueName(id + "-request");
        Map<String, String> settings = WsdlBound.settings(target, ctx);
        ctx.addBean(request, RestSoapRequest.class, settings);
        attempt.process(request);
        attempt.toD(SoapAdapter.callEndpoint(target, "${exchangeProperty." + OPERATION_PROPERTY + "}", ctx));
        ctx.addBean(RestSoapReply.BEAN, RestSoapReply.class, Map.of());
        attempt.process(RestSoapReply.BEAN);
        ctx.addBean(RestSoapError.BEAN, RestSoapError.class, Map.of());
        attempt.doCatch(Exception.class).process(RestSoapError.BEAN);
        attempt.end();
        compilation.addRoute(opened.route());
    }
}
