package io.unikernal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.FluentProducerTemplate;
import org.apache.camel.ProducerTemplate;

/** An application bean using what the extension makes injectable. */
@ApplicationScoped
public class Doubler {

    @Inject
    CamelContext context;

    @Inject
    @Uri("direct:double")
    ProducerTemplate doubling;

    @Inject
    ProducerTemplate anywhere;

    @Inject
    @Uri("direct:numbers")
    FluentProducerTemplate numbers;

    @Inject
    @Uri("direct:numbers")
    Endpoint numbersEndpoint;

    @SuppressWarnings("unchecked")
    Map<String, Object> viaJavaRoute(int n) {
        return doubling.requestBody(Map.of("n", n), Map.class);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> viaUdlOnly(int n) {
        return numbers.withBody(Map.of("n", n)).request(Map.class);
    }

    // accessors: fields read through the client proxy of a normal-scoped bean would be the proxy's own
    CamelContext context() {
        return context;
    }

    Endpoint numbersEndpoint() {
        return numbersEndpoint;
    }

    ProducerTemplate doubling() {
        return doubling;
    }

    ProducerTemplate anywhere() {
        return anywhere;
    }
}
