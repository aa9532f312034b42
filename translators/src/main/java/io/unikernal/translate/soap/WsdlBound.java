package io.unikernal.translate.soap;

import io.unikernal.adapter.soap.SoapAdapter;
import io.unikernal.adapter.soap.component.SoapOperation;
import io.unikernal.adapter.soap.component.WsdlContract;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.udl.model.SystemDecl;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A translation's processor bound to one WSDL (its file and service, as the soap system declares them): the
 * contract as the file is now ({@link WsdlContracts}) and the operation the exchange is for.
 */
abstract class WsdlBound implements Processor {

    private String wsdl;
    private String service;

    public void setWsdl(String wsdl) {
        this.wsdl = wsdl;
    }

    public void setService(String service) {
        this.service = service;
    }

    /** The bean properties that bind one to a soap system's WSDL. */
    static Map<String, String> settings(SystemDecl system, CompileContext ctx) {
        Map<String, String> settings = new HashMap<>();
        settings.put("wsdl", SoapAdapter.wsdlPath(system, ctx));
        String service = SoapAdapter.serviceName(system, ctx);
        if (service != null) {
            settings.put("service", service);
        }
        return settings;
    }

    final WsdlContract contract() {
        return WsdlContracts.of(wsdl, service);
    }

    /** The operation named by the exchange's {@link RestToSoap#OPERATION_PROPERTY}. */
    final SoapOperation operation(Exchange exchange) {
        return contract().operations().get(exchange.getProperty(RestToSoap.OPERATION_PROPERTY, String.class));
    }
}
