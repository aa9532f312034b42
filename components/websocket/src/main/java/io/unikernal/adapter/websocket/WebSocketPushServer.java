package io.unikernal.adapter.websocket;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Consumer;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server of a websocket system that routes only write to (broadcasts, pushes) and no route serves: peers connect
 * and get what the routes send; what they send themselves is dropped (a debug line). camel-vertx-websocket opens a
 * server only for a consumer, so this bean starts one on the system's endpoint once the app has started, and the
 * app stops it with its other services.
 */
public final class WebSocketPushServer implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketPushServer.class);

    private CamelContext camelContext;
    private String uri;
    private String system;

    public void setUri(String uri) {
        this.uri = uri;
    }

    public void setSystem(String system) {
        this.system = system;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Called when the bean is made: the server opens once the app has started, with the routes. */
    public void start() throws Exception {
        if (camelContext == null) {
            throw new IllegalStateException("the websocket push server of system " + system + " needs its CamelContext");
        }
        camelContext.addStartupListener(new Opener());
    }

    private final class Opener implements StartupListener {
        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
            Consumer consumer = context.getEndpoint(uri).createConsumer(exchange -> LOG.debug(
                    "websocket system {} serves no route: a message from {} is dropped", system,
                    exchange.getMessage().getHeader(WebSocketHeaders.PEER)));
            context.addService(consumer, true, true);
        }
    }
}
