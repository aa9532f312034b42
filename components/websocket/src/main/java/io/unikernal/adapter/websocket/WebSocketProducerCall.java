package io.unikernal.adapter.websocket;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Calls camel-vertx-websocket's producer for {@code uri} and waits for it on the route's thread. As a plain
 * {@code to:} the producer completes on a Vert.x event loop and the route would go on there: a second websocket call
 * in the same route then blocks that event loop while it connects (and times out), and any later step (a database
 * write) would run on it.
 */
public final class WebSocketProducerCall implements Processor, CamelContextAware {

    private CamelContext camelContext;
    private String uri;
    private volatile Producer producer;

    public void setUri(String uri) {
        this.uri = uri;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        producer().process(exchange); // the synchronous form: returns once the frames are written
    }

    private Producer producer() throws Exception {
        Producer current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    CamelContext camel = camelContext;
                    current = camel.getEndpoint(uri).createProducer();
                    ServiceHelper.startService(current);
                    camel.addService(current, true, true);
                    producer = current;
                }
            }
        }
        return current;
    }
}
