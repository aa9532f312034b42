package io.unikernal.translate.soap;

import com.fasterxml.jackson.databind.JsonNode;
import io.unikernal.adapter.soap.component.SchemaFit;
import io.unikernal.adapter.soap.component.SoapOperation;
import io.unikernal.runtime.StrictJson;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * Checks a served SOAP request (its body element already JSON, by the soap adapter's mapping) against the operation's
 * input element before the REST call: an element the type does not declare, a repeated element that does not repeat,
 * a wrong scalar are refused ({@link SoapRestRequestUnfit}), nothing is sent.
 */
public final class SoapRestRequest extends WsdlBound {

    @Override
    public void process(Exchange exchange) {
        SoapOperation operation = operation(exchange);
        String name = operation.name().getLocalPart();
        JsonNode body = SoapJson.tree(exchange.getMessage().getBody());
        List<String> problems = SchemaFit.problems(body, operation.input());
        if (!problems.isEmpty()) {
            throw new SoapRestRequestUnfit("the request is not a " + operation.input().element().getLocalPart()
                    + " element of operation " + name, problems);
        }
        exchange.getMessage().setBody(StrictJson.write(body));
    }
}
