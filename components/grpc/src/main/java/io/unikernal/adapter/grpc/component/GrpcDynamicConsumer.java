package io.unikernal.adapter.grpc.component;

import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import java.nio.file.Path;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one method (or, for {@link GrpcDynamicEndpoint#EVERY_METHOD}, every method of the .proto) on the
 * endpoint's listener: each call becomes exchanges as {@link InboundCall} says (one per
 * unary or server-streaming call, one per client stream, one per message of a bidirectional stream), and the route's
 * final body is the reply.
 */
public class GrpcDynamicConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcDynamicConsumer.class);

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
        if (endpoint.servesEveryMethod()) {
            endpoint.getComponent().servers().addEvery(endpoint.serverSettings(), this::definitionOf,
                    endpoint.getCamelContext());
            return;
        }
        endpoint.getComponent().servers().add(endpoint.serverSettings(),
                definition(endpoint.protoMethod(), endpoint.contract()), endpoint.getCamelContext());
    }

    /** The method of this name in the .proto as it is now (re-read when it changed); null when it has none. */
    private ServerMethodDefinition<?, ?> definitionOf(String fullName) {
        ProtoContract contract;
        try {
            contract = ProtoContract.load(Path.of(endpoint.getProto()));
        } catch (ProtoContractException e) {
            LOG.warn("cannot serve {}: {}", fullName, e.getMessage());
            return null;
        }
        ProtoMethod method = contract.methods().get(fullName);
        return method == null ? null : definition(method, contract);
    }

    private ServerMethodDefinition<byte[], byte[]> definition(ProtoMethod method, ProtoContract contract) {
        ServerCallHandler<byte[], byte[]> handler = (call, headers) -> new InboundCall(this, call, headers, method,
                contract).start();
        return ServerMethodDefinition.create(method.grpc(), handler);
    }

    @Override
    protected void doStop() throws Exception {
        if (endpoint.servesEveryMethod()) {
            endpoint.getComponent().servers().removeEvery(endpoint.serverSettings());
        } else {
            endpoint.getComponent().servers().remove(endpoint.serverSettings(), endpoint.protoMethod().fullName());
        }
        super.doStop();
    }
}
