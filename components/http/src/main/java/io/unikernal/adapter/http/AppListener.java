package io.unikernal.adapter.http;

import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The app's one HTTP listener as the adapters that mount on it see it (graphql, and grpc, soap and websocket systems
 * with {@code listener: http}): the router platform-http binds for the app.
 */
public final class AppListener {

    private AppListener() {
    }

    /** The listener's router; a clear failure naming {@code protocol} when the app has no HTTP listener. */
    public static VertxPlatformHttpRouter router(CamelContext context, String protocol) {
        Set<VertxPlatformHttpRouter> routers = context.getRegistry().findByType(VertxPlatformHttpRouter.class);
        if (routers.isEmpty()) {
            throw new IllegalStateException("the app has no HTTP listener to serve " + protocol + " on: set"
                    + " camel.server.enabled=true (an http system, or a system with listener: http, does)");
        }
        return routers.iterator().next();
    }
}
