package io.unikernal.adapter.thrift.component;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code thrift-dynamic:Service.method?idl=FILE}: serves or calls one method of a Thrift service described by a
 * {@code .thrift} IDL read at run time — generic {@code TProtocol} reads and writes driven by the parsed IDL, no
 * generated classes (camel-thrift needs the compiler's classes, so it cannot work from the file alone). Messages are
 * JSON ({@link ThriftValues}). Consumers of one host and port share one server ({@link ThriftServers}).
 */
@org.apache.camel.spi.annotations.Component("thrift-dynamic")
public class ThriftDynamicComponent extends DefaultComponent {

    private final ThriftServers servers = new ThriftServers();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ThriftDynamicEndpoint endpoint = new ThriftDynamicEndpoint(uri, this);
        endpoint.setMethod(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    ThriftServers servers() {
        return servers;
    }

    @Override
    protected void doStop() throws Exception {
        servers.closeAll();
        super.doStop();
    }
}
