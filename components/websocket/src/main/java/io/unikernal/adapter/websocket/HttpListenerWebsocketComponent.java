package io.unikernal.adapter.websocket;

import io.unikernal.adapter.http.AppListener;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.component.vertx.websocket.VertxWebsocketHost;
import org.apache.camel.component.vertx.websocket.VertxWebsocketHostConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketHostKey;

/**
 * {@code websocket-http:host:port/path}: camel-vertx-websocket's endpoints (the same options, consumer, producer and
 * peer registry) served on the app's one HTTP listener — the router platform-http binds for the app — instead of a
 * server of their own, so a WebSocket upgrade is answered on the port REST, gRPC, SOAP and GraphQL share. The only
 * difference is the host: it mounts its paths on that router and never listens itself.
 */
public class HttpListenerWebsocketComponent extends VertxWebsocketComponent {

    @Override
    protected VertxWebsocketHost createVertxWebsocketHost(VertxWebsocketHostConfiguration configuration,
            VertxWebsocketHostKey key) {
        VertxPlatformHttpRouter router = AppListener.router(getCamelContext(), "WebSocket");
        return new OnTheListener(getCamelContext(), new VertxWebsocketHostConfiguration(router.vertx(), router,
                null, null), key);
    }


    /** A host whose paths are routes of the app's listener: nothing to start or stop but the routes themselves. */
    private static final class OnTheListener extends VertxWebsocketHost {
        private final int port;

        OnTheListener(CamelContext context, VertxWebsocketHostConfiguration configuration, VertxWebsocketHostKey key) {
            super(context, configuration, key);
            this.port = key.getPort();
        }

        @Override
        public void start() {
            // the listener is platform-http's, already listening
        }

        @Override
        public void stop() {
            // its routes are removed one by one as their consumers stop (disconnect)
        }

        @Override
        public int getPort() {
            return port;
        }
    }
}
