package io.unikernal.adapter.http;

import io.unikernal.runtime.CorrelationIds;
import io.unikernal.runtime.IngressRefusals;
import io.unikernal.runtime.StrictJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Answers a request that arrives while the app stops gracefully: 503 in the JSON error shape with
 * {@code Retry-After}, where platform-http's suspended consumer would send a bare 503 with an empty body. Messages
 * already in flight are past this handler and finish. A route policy of every http source: when its route starts, it
 * puts one handler in front of the app's Vert.x router (once per router).
 */
public final class StoppingAppRefusal extends RoutePolicySupport {

    /** Seconds a caller is told to wait: about what a restart takes. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final Set<Router> installedOn = Collections.newSetFromMap(new IdentityHashMap<>());

    @Override
    public synchronized void onStart(Route route) {
        CamelContext context = route.getCamelContext();
        // the app's listener's router (named after its port); none under `unikernal test`
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            if (installedOn.add(router)) {
                router.route().order(Integer.MIN_VALUE).handler(request -> {
                    if (context.isStopping() || context.isStopped()) {
                        refuse(context, request);
                    } else {
                        request.next();
                    }
                });
            }
        }
    }

    private static void refuse(CamelContext context, RoutingContext request) {
        String correlationId = CorrelationIds.adoptOrDraw(request.request().getHeader("X-Correlation-Id"));
        Map<String, Object> body = IngressRefusals.body(
                "the app is stopping and takes no new messages; retry in a few seconds", List.of(), correlationId);
        IngressRefusals.count(context, null, 503);
        request.response().setStatusCode(503)
                .putHeader("Content-Type", "application/json")
                .putHeader("Retry-After", RETRY_AFTER_SECONDS)
                .putHeader("X-Correlation-Id", correlationId)
                .end(StrictJson.write(body));
    }
}
