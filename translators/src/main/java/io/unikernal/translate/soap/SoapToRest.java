package io.unikernal.translate.soap;

import io.unikernal.adapter.soap.SoapAdapter;
import io.unikernal.adapter.soap.component.SoapOperation;
import io.unikernal.adapter.soap.component.WsdlContract;
import io.unikernal.adapter.soap.component.WsdlContractException;
import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.translate.spi.TranslationKeys;
import io.unikernal.translate.spi.Translation;
import io.unikernal.translate.spi.TranslationKind;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.UdlKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.model.language.ConstantExpression;

/**
 * SOAP to REST: the exposed soap system serves every operation of its own WSDL (its {@code wsdl}, read when the app
 * compiles: one route per operation, {@code translation-<name>-<Operation>}, each a use of the soap adapter's
 * serving role), and each operation calls {@code POST {url}{target.path}/{Operation}} of the target http-client
 * system with the request element as JSON; the JSON reply becomes the response element, an HTTP error a SOAP fault
 * ({@link SoapRestError}). Both bodies are checked against the WSDL's schema ({@link SoapRestRequest},
 * {@link SoapRestReply}).
 */
public final class SoapToRest implements TranslationKind {

    static final ProblemCode NOT_SOAP = new PluginProblemCode("TRANSLATE", 6,
            "a SOAP translation is exposed on a system that does not serve SOAP");


    @Override
    public String protocol() {
        return "soap";
    }

    @Override
    public String targetAdapter() {
        return "http-client";
    }

    @Override
    public String description() {
        return "every operation of the exposed soap system's WSDL served on its port and path, each calling POST"
                + " {url}{target.path}/{Operation} with the request element as JSON (checked by the WSDL's schema);"
                + " the JSON reply as the response element, the REST service's 4xx as a Client/Sender fault and 5xx"
                + " as a Server/Receiver fault with its message as faultstring and the status in the detail";
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(NOT_SOAP);
    }

    @Override
    public List<UdlKey> targetKeys() {
        return List.of(TranslationKeys.CALL_PATH.key());
    }

    /** One use per operation of the exposed system's WSDL; none when it cannot be read (the adapter reports it). */
    @Override
    public List<EndpointRef> exposedUses(Translation translation, SystemDecl expose, SystemDecl target) {
        if (!expose.adapter().equals("soap")) {
            return List.of(translation.expose());
        }
        WsdlContract contract;
        try {
            contract = SoapAdapter.contract(expose);
        } catch (WsdlContractException | NullPointerException e) {
            return List.of(); // the soap adapter's own check reports the file (SOAP-001)
        }
        List<EndpointRef> uses = new ArrayList<>();
        for (String operation : contract.operations().keySet()) {
            uses.add(operationUse(translation, operation));
        }
        return uses;
    }

    private static EndpointRef operationUse(Translation translation, String operation) {
        Map<String, OptionValue> options = new HashMap<>();
        options.put("operation", new OptionValue(operation, translation.expose().pos()));
        return new EndpointRef(translation.expose().system(), options, translation.expose().pos());
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        if (!expose.adapter().equals("soap")) {
            checks.problems().error(NOT_SOAP, translation.expose().pos(), "system " + expose.name() + " (adapter "
                    + expose.adapter() + ") does not serve SOAP", "expose the translation on a system of adapter"
                    + " soap with a wsdl and a port");
        }
        TranslationKeys.checkBasePath(translation, checks, "a SOAP translation's calls");
    }

    @Override
    public void compile(Translation translation, SystemDecl expose, SystemDecl target, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        SourceRole source = Adapters.installed().get(expose.adapter()).source().orElseThrow();
        WsdlContract contract = SoapAdapter.contract(expose);
        Map<String, String> settings = WsdlBound.settings(expose, ctx);
        String base = "translation-" + translation.name();
        String request = ctx.uniqueName(base + "-request");
        ctx.addBean(request, SoapRestRequest.class, settings);
        String reply = ctx.uniqueName(base + "-reply");
        ctx.addBean(reply, SoapRestReply.class, settings);
        ctx.addBean(TranslationMetrics.START_BEAN, TranslationMetrics.class, Map.of());
        ctx.addBean(SoapRestError.BEAN, SoapRestError.class, Map.of());
        String path = translation.targetInput().read(TranslationKeys.CALL_PATH);
        for (SoapOperation operation : contract.operations().values()) {
            String name = operation.name().getLocalPart();
            SystemUse served = SystemUse.of(expose, operationUse(translation, name));
            RouteDefinition route = new RouteDefinition();
            String id = base + "-" + name;
            route.routeId(id);
            route.from(source.uri(served, ctx));
            source.normalize(served, route, ctx);
            List<ProcessorDefinition<?>> normalizers = List.copyOf(route.getOutputs());
            route.getOutputs().clear();
            route.process(TranslationMetrics.START_BEAN);
            route.setProperty(RestToSoap.OPERATION_PROPERTY, new ConstantExpression(name));
            TryDefinition attempt = route.doTry();
            normalizers.forEach(attempt::addOutput);
            attempt.process(request);
            Map<String, OptionValue> call = new HashMap<>();
            call.put("method", new OptionValue("POST", translation.target().pos()));
            call.put("path", new OptionValue((path == null ? "" : path) + "/" + name, translation.target().pos()));
            compilation.call(id, new EndpointRef(target.name(), call, translation.target().pos()), attempt);
            attempt.process(reply);
            attempt.doCatch(Exception.class).process(SoapRestError.BEAN);
            attempt.end();
            compilation.addRoute(route);
        }
    }
}
