package io.unikernal.rust.component;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code rust:} component: {@code rust:route?rules=…} decides a target with the routing engine,
 * {@code rust:parallel?task=…} runs batch work on the executor. {@code engine=rust|java|auto}
 * picks the implementation; auto follows the measured preference per workload.
 */
@Component("rust")
public class RustComponent extends DefaultComponent {
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        RustEndpoint endpoint = new RustEndpoint(uri, this);
        endpoint.setKind(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
