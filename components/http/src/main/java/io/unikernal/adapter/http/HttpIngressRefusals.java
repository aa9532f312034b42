package io.unikernal.adapter.http;

import io.unikernal.runtime.CorrelationIds;
import io.unikernal.runtime.IngressRefusals;
import io.unikernal.runtime.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refusals the HTTP server makes before a route sees the request — chiefly 413 for a body over
 * {@code camel.server.maxBodySize} — answered in the JSON error shape with a correlation id and counted in
 * {@code unikernal_ingress_refused_total}, instead of Vert.x's plain text and "Unhandled exception in router". They
 * are logged, not dead-lettered: the body was never read, and a flood of them must not fill the dead-letter store.
 *
 * <p>A route policy of every http source route: when the route starts, the failure handler is added once to the
 * app's listener (the router Camel binds in the registry), and the route's path is mapped to its id for the metric.
 */
public final class HttpIngressRefusals extends RoutePolicySupport {

    private static final Logger LOG = LoggerFactory.getLogger("unikernal.ingress");
    /** Routers that already have the handler (one listener per app, but several routes and restarts). */
    private static final Set<Router> GUARDED = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> ROUTE_BY_PATH = new ConcurrentHashMap<>();

    @Override
    public void onStart(Route route) {
        if (route.getEndpoint() instanceof PlatformHttpEndpoint endpoint) {
            ROUTE_BY_PATH.put(endpoint.getPath(), route.getRouteId());
        }
        CamelContext context = route.getCamelContext();
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            if (GUARDED.add(router)) {
                router.route().failureHandler(failure -> {
                    try {
                        refuse(context, failure);
                    } catch (RuntimeException e) {
                        LOG.warn("could not answer a refused request: {}", e.toString());
                        failure.response().reset();
                    }
                });
            }
        }
    }

    private static void refuse(CamelContext context, RoutingContext failure) {
        if (failure.response().headWritten()) {
            failure.response().reset(); // too late for a reply: close the connection rather than hang
            return;
        }
        int status = failure.statusCode() >= 400 && failure.statusCode() <= 599 ? failure.statusCode() : 500;
        String correlationId = CorrelationIds.adoptOrDraw(failure.request().getHeader("X-Correlation-Id"));
        String route = routeOf(failure);
        Map<String, Object> body = IngressRefusals.body(reason(status), details(context, status), correlationId);
        IngressRefusals.count(context, route, status);
        LOG.warn("refused {} {} with {} before the route (not dead-lettered: the body was not read);"
                + " correlationId={}", failure.request().method(), route, status, correlationId);
        failure.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Json.write(body));
    }

    /** The Camel route the request was for, when known: a lookup only, so callers cannot add label values. */
    private static String routeOf(RoutingContext failure) {
        String pattern = failure.currentRoute() == null ? null : failure.currentRoute().getPath();
        String route = pattern == null ? null : ROUTE_BY_PATH.get(pattern);
        String path = failure.normalizedPath();
        return route != null || path == null ? route : ROUTE_BY_PATH.get(path);
    }

    private static String reason(int status) {
        return switch (status) {
            case 413 -> "the request body is too large";
            case 400 -> "the request could not be read";
            default -> status < 500 ? "the request was refused" : "the request could not be processed";
        };
    }

    private static List<String> details(CamelContext context, int status) {
        if (status != 413) {
            return List.of();
        }
        String limit = context.getPropertiesComponent().resolveProperty("camel.server.maxBodySize").orElse(null);
        return List.of(limit == null ? "the body is over the server's limit"
                : "the limit is " + limit + " bytes (the http system's maxBodyBytes)");
    }
}
