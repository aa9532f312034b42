package io.unikernal.adapter.thrift.component;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.thrift.TConfiguration;

/**
 * One method of a service in a {@code .thrift} IDL: a consumer serves it on a listener (host and port), a producer
 * calls it at an address. Both sides speak framed transport with the binary (default) or compact protocol.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "thrift-dynamic", title = "Thrift (dynamic, from a .thrift IDL)",
        syntax = "thrift-dynamic:method", category = { Category.RPC }, headersClass = ThriftDynamicConstants.class)
public class ThriftDynamicEndpoint extends DefaultEndpoint {

    @UriPath(description = "The method: Service.method, as in the IDL (inherited methods under the service that"
            + " extends).")
    @Metadata(required = true)
    private String method;
    @UriParam(description = "The .thrift file that describes the service; its includes are read relative to its"
            + " folder.")
    @Metadata(required = true)
    private String idl;
    @UriParam(label = "consumer", defaultValue = "127.0.0.1", description = "The address the server listens on;"
            + " loopback by default, 0.0.0.0 to serve the network.")
    private String host = "127.0.0.1";
    @UriParam(label = "consumer", description = "The port the server listens on; the methods served on one host and"
            + " port share one server.")
    private int port;
    @UriParam(label = "producer", description = "The server to call, host:port.")
    private String address;
    @UriParam(defaultValue = ThriftProtocols.BINARY, enums = "binary,compact", description = "The protocol: binary"
            + " or compact (framed transport either way).")
    private String protocol = ThriftProtocols.BINARY;
    @UriParam(defaultValue = "" + TConfiguration.DEFAULT_MAX_FRAME_SIZE, description = "The largest frame (one"
            + " message) accepted, in bytes: a larger one is refused before it is read and its connection closed.")
    private int maxFrameSize = TConfiguration.DEFAULT_MAX_FRAME_SIZE;
    @UriParam(label = "consumer", defaultValue = "64", description = "The most connections served at once (a thread"
            + " each); one more is closed at once.")
    private int maxConnections = 64;
    @UriParam(label = "producer", defaultValue = "30000", description = "Milliseconds to connect and to wait for"
            + " each read of the reply; a call that runs over fails (and its connection is closed).")
    private int timeout = 30_000;
    @UriParam(label = "producer", description = "Declared exceptions (type names, comma-separated) that fail the call"
            + " as retryable; the others are the service's answer and reject the message.")
    private String retryOn;

    private ThriftMethod thriftMethod;

    public ThriftDynamicEndpoint(String uri, ThriftDynamicComponent component) {
        super(uri, component);
    }

    @Override
    public ThriftDynamicComponent getComponent() {
        return (ThriftDynamicComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("thrift-dynamic:" + method + " needs an address to call");
        }
        return new ThriftDynamicProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ThriftDynamicConsumer consumer = new ThriftDynamicConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Reads the IDL (once per version of it) and finds the method: a clear failure when either is wrong. */
    @Override
    protected void doInit() throws Exception {
        super.doInit();
        thriftMethod = ThriftContract.load(Path.of(idl)).method(method);
        protocols(); // checks protocol and maxFrameSize
    }

    ThriftMethod thriftMethod() {
        return thriftMethod;
    }

    ThriftProtocols protocols() {
        return new ThriftProtocols(protocol, maxFrameSize);
    }

    ThriftServers.Settings serverSettings() {
        return new ThriftServers.Settings(host, port, protocols(), maxConnections);
    }

    Set<String> retryableOn() {
        return retryOn == null ? Set.of() : Arrays.stream(retryOn.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getIdl() {
        return idl;
    }

    public void setIdl(String idl) {
        this.idl = idl;
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

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public int getMaxFrameSize() {
        return maxFrameSize;
    }

    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public int getTimeout() {
        return timeout;
    }

    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public String getRetryOn() {
        return retryOn;
    }

    public void setRetryOn(String retryOn) {
        this.retryOn = retryOn;
    }
}
