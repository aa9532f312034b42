package io.unikernal.translate.soap;

import com.fasterxml.jackson.databind.JsonNode;
import io.unikernal.adapter.soap.component.SchemaFit;
import io.unikernal.adapter.soap.component.SoapOperation;
import io.unikernal.adapter.soap.component.SoapCallFailure;
import io.unikernal.translate.spi.TranslationMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The REST service's JSON reply as the operation's response: checked against the output element first (a field the
 * element lacks, a list where it does not repeat, a wrong scalar is the REST service's failure, a Server fault —
 * never an invalid SOAP response); the soap adapter then writes the element. A one-way operation answers nothing.
 */
public final class SoapRestReply implements Processor {

    private String wsdl;
    private String service;

    public void setWsdl(String wsdl) {
        this.wsdl = wsdl;
    }

    public void setService(String service) {
        this.service = service;
    }

    @Override
    public void process(Exchange exchange) {
        String name = exchange.getProperty(RestToSoap.OPERATION_PROPERTY, String.class);
        SoapOperation operation = WsdlContracts.of(wsdl, service).operations().get(name);
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
