package io.unikernal.cdi;

import jakarta.enterprise.context.Dependent;
import org.apache.camel.builder.RouteBuilder;

/** A hand-written route bean: hands its messages to the UDL app's {@code numbers} system. */
@Dependent
public class DoublingRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:double").routeId("java-double").to("direct:numbers");
    }
}
