package io.unikernal.adapter.grpc.component;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code grpc-dynamic:package.Service/Method?proto=FILE}: serves or calls one method of a gRPC service described by a
 * {@code .proto} file read at run time — descriptors and dynamic messages, no generated stubs (camel-grpc loads a
 * generated {@code <Service>Grpc} class by reflection, so it cannot work from the file alone). Messages are JSON in
 * the proto3 mapping ({@link ProtoJson}). Consumers of one host and port share one server ({@link GrpcServers}), each
 * serving its method; producers of one address share one channel ({@link GrpcChannels}).
 */
@org.apache.camel.spi.annotations.Component("grpc-dynamic")
public class GrpcDynamicComponent extends DefaultComponent {

    private final GrpcServers servers = new GrpcServers();
    private final GrpcChannels channels = new GrpcChannels();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        GrpcDynamicEndpoint endpoint = new GrpcDynamicEndpoint(uri, this);
        endpoint.setMethod(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    GrpcServers servers() {
        return servers;
    }

    GrpcChannels channels() {
        return channels;
    }

    @Override
    protected void doStop() throws Exception {
        servers.closeAll();
        channels.closeAll();
        super.doStop();
    }
}
