package io.unikernal.translate.soap;

import com.fasterxml.jackson.databind.JsonNode;
import io.unikernal.adapter.soap.component.SchemaFit;
import io.unikernal.adapter.soap.component.SoapOperation;
import io.unikernal.adapter.soap.component.SoapCallFailure;
import io.unikernal.translate.spi.TranslationMetrics;
import org.apache.camel.Exchange;

/**
 * The REST service's JSON reply as the operation's response: checked against the output element first (a field the
 * element lacks, a list where it does not repeat, a wrong scalar is the REST service's failure, a Server fault —
 * never an invalid SOAP response); the soap adapter then writes the element. A one-way operation answers nothing.
 */
public final class SoapRestReply extends WsdlBound {

    @Override
    public void process(Exchange exchange) {
        SoapOperation operation = operation(exchange);
        String name = operation.name().getLocalPart();
        if (!operation.oneWay()) {
            JsonNode body = SoapJson.tree(exchange.getMessage().getBody());
            var problems = SchemaFit.problems(body, operation.output());
            if (!body.isObject() || !problems.isEmpty()) {
                throw new SoapCallFailure("the REST reply of " + name + " is not a " + operation.output().element()
                        .getLocalPart() + " element: " + (body.isObject() ? String.join("; ", problems)
                        : "it is no JSON object"));
            }
            exchange.getMessage().setBody(body);
        }
        exchange.getMessage().removeHeaders("*", "UdmCorrelationId");
        TranslationMetrics.record(exchange, name, 200);
    }
}
