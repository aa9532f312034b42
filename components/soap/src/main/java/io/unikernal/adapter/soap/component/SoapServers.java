package io.unikernal.adapter.soap.component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Consumer;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;

/**
 * The CXF endpoints served, one per URL (host, port and path): the first operation registered on a URL starts its
 * camel-cxf consumer (CXF's own Jetty listener, shared by every path of one port), the last one stops it, and the
 * last one of a port closes the port. Every
 * operation of one URL must come from the same WSDL and limits.
 */
final class SoapServers {

    private static final Map<String, Served> SERVED = new ConcurrentHashMap<>();

    private SoapServers() {
    }

    static synchronized void register(SoapWsConsumer consumer, WsdlContract contract) throws Exception {
        SoapWsEndpoint endpoint = consumer.getEndpoint();
        String url = endpoint.servedUrl();
        Served served = SERVED.get(url);
        if (served == null) {
            served = Served.start(endpoint, contract);
            SERVED.put(url, served);
        } else if (!served.settings.equals(endpoint.serverSettings())) {
            throw new IllegalStateException("the operations served on " + url + " disagree: " + served.settings
                    + " vs " + endpoint.serverSettings());
        }
        String name = consumer.operation().name().getLocalPart();
        if (served.operations.putIfAbsent(name, consumer) != null) {
            throw new IllegalStateException("operation " + name + " is already served on " + url);
        }
    }

    static synchronized void unregister(SoapWsConsumer consumer) throws Exception {
        String url = consumer.getEndpoint().servedUrl();
        Served served = SERVED.get(url);
        if (served == null || consumer.operation() == null) {
            return;
        }
        served.operations.remove(consumer.operation().name().getLocalPart(), consumer);
        if (served.operations.isEmpty()) {
            SERVED.remove(url);
            if (served.onHttpListener != null) {
                served.onHttpListener.unmount();
            }
            ServiceHelper.stopAndShutdownServices(served.consumer, served.cxf);
            int port = consumer.getEndpoint().getPort();
            if (served.onHttpListener == null && SERVED.values().stream().noneMatch(other -> other.port == port)) {
                // CXF keeps the Jetty engine of a port listening (answering 404) after its last endpoint stops
                JettyHTTPServerEngineFactory.destroyForPort(port);
            }
        }
    }

    /** {@code onHttpListener}: the route on the app's HTTP listener that relays to the endpoint, or null. */
    private record Served(String settings, int port, CxfEndpoint cxf, Consumer consumer,
            Map<String, SoapWsConsumer> operations, HttpListenerSoap onHttpListener) {

        static Served start(SoapWsEndpoint endpoint, WsdlContract contract) throws Exception {
            Map<String, SoapWsConsumer> operations = new ConcurrentHashMap<>();
            CxfEndpoint cxf = endpoint.cxfEndpoint(endpoint.servedUrl(), contract);
            Consumer consumer = cxf.createConsumer(new SoapDispatcher(operations));
            ServiceHelper.startService(cxf, consumer);
            HttpListenerSoap mounted = endpoint.onHttpListener() ? HttpListenerSoap.mount(endpoint.getCamelContext(),
                    endpoint.getPath(), endpoint.servedUrl(), cxf.getBus()) : null;
            return new Served(endpoint.serverSettings(), endpoint.getPort(), cxf, consumer, operations, mounted);
        }
    }
}
