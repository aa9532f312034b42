package io.unikernal.translate.soap;

import com.fasterxml.jackson.databind.JsonNode;
import io.unikernal.adapter.soap.component.SchemaFit;
import io.unikernal.adapter.soap.component.SoapOperation;
import io.unikernal.adapter.soap.component.WsdlContract;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.StrictJson;
import io.unikernal.translate.spi.HttpExposure;
import io.unikernal.udm.UdmHeaders;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads a REST request for a translation to SOAP: the operation from the path under the translation's
 * ({@code Operation} or {@code Service/Operation}, the WSDL as it is now), the body checked against the operation's
 * input element (a key the element lacks, a list where it does not repeat, a wrong scalar: 400, nothing sent). Only
 * POST is served (405). Every request header but Camel's and the envelope's is dropped, so none can reach the
 * service or be echoed.
 */
public final class RestSoapRequest extends WsdlBound {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String path = message.getHeader(Exchange.HTTP_PATH, String.class);
        WsdlContract contract = contract();
        SoapOperation operation = find(contract, HttpExposure.pathUnder(exchange));
        if (operation == null) {
            throw new RestSoapRefusal(404, "no SOAP operation is served at " + path + "; the operations: "
                    + String.join(", ", contract.operations().keySet()));
        }
        String verb = message.getHeader(Exchange.HTTP_METHOD, String.class);
        if (!"POST".equals(verb)) {
            throw new RestSoapRefusal(405, verb + " is not served at " + path + ": an operation is called with POST");
        }
        String name = operation.name().getLocalPart();
        exchange.setProperty(RestToSoap.OPERATION_PROPERTY, name);
        exchange.setProperty(RestToSoap.ONE_WAY_PROPERTY, operation.oneWay());
        JsonNode body = SoapJson.tree(message.getBody());
        if (!body.isObject()) {
            throw new MessageRejectedException("the body of " + name + " is a JSON object of the "
                    + operation.input().element().getLocalPart() + " element's fields", List.of());
        }
        List<String> problems = SchemaFit.problems(body, operation.input());
        if (!problems.isEmpty()) {
            throw new MessageRejectedException("the body is not a " + operation.input().element().getLocalPart()
                    + " element of operation " + name, problems);
        }
        message.setBody(StrictJson.write(body));
        message.getHeaders().keySet().removeIf(header -> !(header.startsWith("Camel")
                || UdmHeaders.isKernelOwned(header)));
    }

    /** {@code Operation} or {@code Service/Operation} of the contract's service. */
    private static SoapOperation find(WsdlContract contract, String named) {
        int slash = named.indexOf('/');
        if (slash >= 0) {
            if (!named.substring(0, slash).equals(contract.service().getLocalPart())) {
                return null;
            }
            named = named.substring(slash + 1);
        }
        return named.isEmpty() || named.indexOf('/') >= 0 ? null : contract.operations().get(named);
    }
}
