package ${package};

import java.util.Map;
import org.apache.camel.builder.RouteBuilder;

/** The hand-written part: a Camel route that hands each name to the UDL app's "greetings" system. */
public class GreetingRoute extends RouteBuilder {

    @Override
    public void configure() {
        // a visitor every {{hello.period}} ms while the app runs (mvn exec:java)
        from("timer:visitors?period={{hello.period:2000}}").routeId("visitors")
                .setBody(constant("world"))
                .to("direct:hello");

        from("direct:hello").routeId("hello")
                .process(exchange -> exchange.getMessage().setBody(
                        Map.of("name", exchange.getMessage().getBody(String.class))))
                .to("direct:greetings");
    }
}
