package io.unikernal.adapter.grpc.component;

import java.nio.file.Path;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategyAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * One method of a service in a {@code .proto} file: a consumer serves it on a listener (host and port), a producer
 * calls it at an address. Messages are JSON text in the proto3 mapping, both ways.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "grpc-dynamic", title = "gRPC (dynamic, from a .proto file)",
        syntax = "grpc-dynamic:method", category = { Category.RPC }, headersClass = GrpcDynamicConstants.class)
public class GrpcDynamicEndpoint extends DefaultEndpoint implements HeaderFilterStrategyAware {

    /**
     * The method of a consumer that serves every method of the {@code .proto}, each looked up when it is called in
     * the file as it is then (so a changed file serves its new methods without a restart); the route reads which one
     * from {@link GrpcDynamicConstants#METHOD} and {@link GrpcDynamicConstants#METHOD_PROPERTY}. A method the file
     * does not have is answered UNIMPLEMENTED. A consumer of a single method on the same port is preferred for that
     * method. Producers always call one method.
     */
    public static final String EVERY_METHOD = "*";

    /** gRPC's own default for the largest message a side accepts: 4 MiB. */
    public static final int DEFAULT_MAX_INBOUND = 4 * 1024 * 1024;

    @UriPath(description = "The method: package.Service/Method, as in the .proto file; a consumer given an"
            + " asterisk serves every method of the file, each looked up when called.")
    @Metadata(required = true)
    private String method;
    @UriParam(description = "The .proto file that describes the service; its imports are read relative to its"
            + " folder, the well-known types (google/protobuf/*.proto) are built in.")
    @Metadata(required = true)
    private String proto;
    @UriParam(label = "consumer", defaultValue = "127.0.0.1", description = "The address the server listens on;"
            + " loopback by default, 0.0.0.0 to serve the network.")
    private String host = "127.0.0.1";
    @UriParam(label = "consumer", description = "The port the server listens on; the methods served on one host and"
            + " port share one server.")
    private int port;
    @UriParam(label = "consumer", enums = "own,http", defaultValue = "own", description = "Where the method is"
            + " served: own, a gRPC server on host and port; http, the app's one HTTP listener (platform-http's"
            + " server, gRPC over h2c beside REST, GraphQL and WebSocket on one port; host, port and TLS are that"
            + " listener's).")
    private String listener = "own";
    @UriParam(label = "producer", description = "The server to call, host:port (or a gRPC target such as"
            + " dns:///host:port).")
    private String address;
    @UriParam(defaultValue = "" + DEFAULT_MAX_INBOUND, description = "The largest message accepted, in bytes: a"
            + " larger request is refused with RESOURCE_EXHAUSTED before the route, a larger reply fails the call.")
    private int maxInboundMessageSize = DEFAULT_MAX_INBOUND;
    @UriParam(label = "consumer", defaultValue = "10000", description = "The most messages a client-streaming call"
            + " may send (the route gets them as one list); more are refused with RESOURCE_EXHAUSTED.")
    private int maxStreamMessages = 10_000;
    @UriParam(label = "producer", description = "Milliseconds a call may take (its gRPC deadline); 0: no deadline"
            + " of its own. A call made while serving a call with a deadline never outlives that one.")
    private long timeout;
    @UriParam(label = "producer,advanced", description = "Handle the reply on the channel's transport thread"
            + " instead of handing it to gRPC's executor: one thread hop less per call, for a route whose steps"
            + " after the call never block (a translation's reply mapping); a route that may block after the call"
            + " must leave it off.")
    private boolean repliesOnTransport;
    @UriParam(label = "security", description = "The server's certificate chain (PEM file): the server speaks TLS.")
    private String tlsCertChain;
    @UriParam(label = "security", description = "The server's private key (PEM file, PKCS#8), with tlsCertChain.")
    private String tlsPrivateKey;
    @UriParam(label = "security,producer", description = "Call over TLS; with trustCerts the server's certificate"
            + " must be signed by one of those, else by one the JVM trusts.")
    private boolean tls;
    @UriParam(label = "security,producer", description = "The certificates to trust (PEM file) when calling over"
            + " TLS (implies tls).")
    private String trustCerts;
    @UriParam(label = "advanced", description = "Which headers become request or reply metadata, and which metadata"
            + " become headers.")
    private HeaderFilterStrategy headerFilterStrategy = new DefaultHeaderFilterStrategy();

    private ProtoContract contract;
    private ProtoMethod protoMethod;

    public GrpcDynamicEndpoint(String uri, GrpcDynamicComponent component) {
        super(uri, component);
    }

    @Override
    public GrpcDynamicComponent getComponent() {
        return (GrpcDynamicComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("grpc-dynamic:" + method + " needs an address to call");
        }
        return new GrpcDynamicProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        GrpcDynamicConsumer consumer = new GrpcDynamicConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Reads the .proto file (once per version of it) and finds the method: a clear failure when either is wrong. */
    @Override
    protected void doInit() throws Exception {
        super.doInit();
        contract = ProtoContract.load(Path.of(proto));
        protoMethod = servesEveryMethod() ? null : contract.method(method);
    }

    boolean servesEveryMethod() {
        return EVERY_METHOD.equals(method);
    }

    ProtoContract contract() {
        return contract;
    }

    ProtoMethod protoMethod() {
        return protoMethod;
    }

    /** The settings a server is made with: consumers of one host and port must agree on them. */
    GrpcServers.Settings serverSettings() {
        if (!"own".equals(listener) && !"http".equals(listener)) {
            throw new IllegalArgumentException("listener must be own or http, not " + listener);
        }
        return new GrpcServers.Settings(host, port, maxInboundMessageSize, tlsCertChain, tlsPrivateKey,
                "http".equals(listener));
    }

    GrpcChannels.Settings channelSettings() {
        return new GrpcChannels.Settings(address, tls || trustCerts != null, trustCerts, maxInboundMessageSize);
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getProto() {
        return proto;
    }

    public void setProto(String proto) {
        this.proto = proto;
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

    public String getListener() {
        return listener;
    }

    public void setListener(String listener) {
        this.listener = listener;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public int getMaxInboundMessageSize() {
        return maxInboundMessageSize;
    }

    public void setMaxInboundMessageSize(int maxInboundMessageSize) {
        this.maxInboundMessageSize = maxInboundMessageSize;
    }

    public int getMaxStreamMessages() {
        return maxStreamMessages;
    }

    public void setMaxStreamMessages(int maxStreamMessages) {
        this.maxStreamMessages = maxStreamMessages;
    }

    public long getTimeout() {
        return timeout;
    }

    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    public boolean isRepliesOnTransport() {
        return repliesOnTransport;
    }

    public void setRepliesOnTransport(boolean repliesOnTransport) {
        this.repliesOnTransport = repliesOnTransport;
    }

    public String getTlsCertChain() {
        return tlsCertChain;
    }

    public void setTlsCertChain(String tlsCertChain) {
        this.tlsCertChain = tlsCertChain;
    }

    public String getTlsPrivateKey() {
        return tlsPrivateKey;
    }

    public void setTlsPrivateKey(String tlsPrivateKey) {
        this.tlsPrivateKey = tlsPrivateKey;
    }

    public boolean isTls() {
        return tls;
    }

    public void setTls(boolean tls) {
        this.tls = tls;
    }

    public String getTrustCerts() {
        return trustCerts;
    }

    public void setTrustCerts(String trustCerts) {
        this.trustCerts = trustCerts;
    }

    @Override
    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    @Override
    public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
    }
}
