package io.unikernal.adapter.soap.component;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfComponent;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** One operation of a WSDL, served or called; the settings of the CXF endpoint that does it. */
@UriEndpoint(scheme = SoapWsComponent.SCHEME, title = "SOAP operation", syntax = "soap-ws:operation",
        category = Category.WEBSERVICE)
public final class SoapWsEndpoint extends DefaultEndpoint {

    @UriPath(description = "The operation, by its local name in the WSDL's port type")
    private final String operation;
    @UriParam(description = "The WSDL file (an absolute path)")
    private String wsdl;
    @UriParam(description = "The WSDL service (local name); the first with a SOAP port when absent")
    private String service;
    @UriParam(defaultValue = "127.0.0.1", description = "The address to serve on")
    private String host = "127.0.0.1";
    @UriParam(description = "The port to serve on")
    private int port;
    @UriParam(defaultValue = "/soap", description = "The HTTP path the service is served on")
    private String path = "/soap";
    @UriParam(defaultValue = "own", enums = "own,http", description = "Where the service is served: own, CXF's"
            + " listener on host and port; http, the app's one HTTP listener (platform-http's server), beside REST,"
            + " gRPC, GraphQL and WebSocket on one port")
    private String listener = "own";
    @UriParam(description = "The URL to call")
    private String address;
    @UriParam(defaultValue = "1048576", description = "The most characters of XML read from one message")
    private long maxMessageBytes = 1_048_576L;
    @UriParam(defaultValue = "64", description = "The deepest element nesting read from one message")
    private int maxDepth = 64;

    SoapWsEndpoint(String uri, SoapWsComponent component, String operation) {
        super(uri, component);
        this.operation = operation;
    }

    @Override
    public Producer createProducer() {
        return new SoapWsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        SoapWsConsumer consumer = new SoapWsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The WSDL's contract, read now (at the start of a consumer or producer). */
    WsdlContract contract() {
        return WsdlContract.load(Path.of(wsdl), service);
    }

    /** The operation of the contract, or a clear failure naming the ones it has. */
    SoapOperation operation(WsdlContract contract) {
        SoapOperation found = contract.operations().get(operation);
        if (found == null) {
            throw new WsdlContractException(Path.of(wsdl).getFileName() + " has no operation " + operation
                    + "; its operations: " + String.join(", ", contract.operations().keySet()));
        }
        return found;
    }

    /**
     * A camel-cxf endpoint in PAYLOAD mode for {@code url}, driven by the WSDL (no service class), with the XML
     * limits CXF's StAX reader enforces on each message (CXF already refuses DTDs; its insecure-parser switch is never
     * set), the header filter, and no fault stack traces logged.
     */
    CxfEndpoint cxfEndpoint(String url, WsdlContract contract) {
        CxfEndpoint endpoint = new CxfEndpoint(url, getCamelContext().getComponent("cxf", CxfComponent.class));
        endpoint.setCamelContext(getCamelContext());
        endpoint.setAddress(url);
        endpoint.setWsdlURL(Path.of(wsdl).toUri().toString());
        endpoint.setServiceName(contract.service().toString());
        endpoint.setPortName(contract.port().toString());
        endpoint.setDataFormat(DataFormat.PAYLOAD);
        endpoint.setHeaderFilterStrategy(new SoapHeaderFilter());
        endpoint.setSkipFaultLogging(true);
        endpoint.setLoggingFeatureEnabled(false);
        endpoint.setProperties(limits());
        return endpoint;
    }

    private Map<String, Object> limits() {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("org.apache.cxf.stax.maxXMLCharacters", maxMessageBytes);
        limits.put("org.apache.cxf.stax.maxTextLength", (int) Math.min(Integer.MAX_VALUE, maxMessageBytes));
        limits.put("org.apache.cxf.stax.maxElementDepth", maxDepth);
        limits.put("org.apache.cxf.stax.maxChildElements", 50_000);
        limits.put("org.apache.cxf.stax.maxElementCount", 100_000L);
        limits.put("org.apache.cxf.stax.maxAttributeCount", 100);
        limits.put("org.apache.cxf.stax.maxAttributeSize", 65_536);
        return limits;
    }

    /** What every operation served on one host, port and path must agree on. */
    String serverSettings() {
        return "wsdl=" + wsdl + " service=" + service + " maxMessageBytes=" + maxMessageBytes + " maxDepth=" + maxDepth;
    }

    boolean onHttpListener() {
        if (!"own".equals(listener) && !"http".equals(listener)) {
            throw new IllegalArgumentException("listener must be own or http, not " + listener);
        }
        return "http".equals(listener);
    }

    /**
     * The URL served on: on the HTTP listener, the CXF endpoint's in-JVM local address (one per app and path,
     * {@link HttpListenerSoap} relays to it).
     */
    String servedUrl() {
        if (onHttpListener()) {
            return "local://unikernal-soap/" + getCamelContext().getName() + "@"
                    + Integer.toHexString(System.identityHashCode(getCamelContext())) + path;
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + path;
    }

    public String getOperation() {
        return operation;
    }

    public String getListener() {
        return listener;
    }

    public void setListener(String listener) {
        this.listener = listener;
    }

    public String getWsdl() {
        return wsdl;
    }

    public void setWsdl(String wsdl) {
        this.wsdl = wsdl;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public long getMaxMessageBytes() {
        return maxMessageBytes;
    }

    public void setMaxMessageBytes(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    public int getMaxDepth() {
        return maxDepth;
    }

    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }
}
