package io.unikernal.adapter.soap.component;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code soap-ws:Operation?wsdl=...}: one operation of a WSDL read at run time, served (a consumer: the route is the
 * operation's handler, on a CXF endpoint of the given host, port and path) or called (a producer, at
 * {@code address}), over camel-cxf in PAYLOAD mode with no generated classes.
 */
public final class SoapWsComponent extends DefaultComponent {

    public static final String SCHEME = "soap-ws";

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SoapWsEndpoint endpoint = new SoapWsEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
