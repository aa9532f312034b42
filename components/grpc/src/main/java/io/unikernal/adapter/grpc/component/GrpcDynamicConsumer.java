package io.unikernal.adapter.grpc.component;

import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * Serves one method on the endpoint's listener: each call becomes exchanges as {@link InboundCall} says (one per
 * unary or server-streaming call, one per client stream, one per message of a bidirectional stream), and the route's
 * final body is the reply.
 */
public class GrpcDynamicConsumer extends DefaultConsumer {

    private final GrpcDynamicEndpoint endpoint;

    public GrpcDynamicConsumer(GrpcDynamicEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    public GrpcDynamicEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ServerCallHandler<byte[], byte[]> handler = (call, headers) -> new InboundCall(this, call, headers).start();
        endpoint.getComponent().servers().add(endpoint.serverSettings(),
                ServerMethodDefinition.create(endpoint.protoMethod().grpc(), handler), endpoint.getCamelContext());
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.getComponent().servers().remove(endpoint.serverSettings(), endpoint.protoMethod().fullName());
        super.doStop();
    }
}
