package io.unikernal.adapter.http;

import io.unikernal.runtime.CorrelationIds;
import io.unikernal.runtime.IngressRefusals;
import io.unikernal.runtime.StrictJson;
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
                // last in the app's router: a request no route serves gets the JSON shape, not Vert.x's HTML page
                router.route().last().handler(unserved -> {
                    List<String> allowed = methodsServing(router, unserved.normalizedPath());
                    if (!allowed.isEmpty()) {
                        unserved.response().putHeader("Allow", String.join(", ", allowed));
                    }
                    refuse(context, unserved, allowed.isEmpty() ? 404 : 405);
                });
            }
        }
    }

    private static void refuse(CamelContext context, RoutingContext failure) {
        int status = failure.statusCode() >= 400 && failure.statusCode() <= 599 ? failure.statusCode() : 500;
        if (status == 500 && unreadable(failure.failure())) {
            status = 400;
        }
        refuse(context, failure, status);
    }

    /**
     * Before the route, the server only reads the request's line and headers: a value its parsers fail on is the
     * caller's fault, not ours. (Camel 4.14 reads {@code charset="} with {@code substring(1, 0)}: an
     * IndexOutOfBoundsException; an illegal charset name is an IllegalArgumentException.)
     */
    private static boolean unreadable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof IndexOutOfBoundsException) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(CamelContext context, RoutingContext failure, int status) {
        if (failure.response().headWritten()) {
            failure.response().reset(); // too late for a reply: close the connection rather than hang
            return;
        }
        String correlationId = CorrelationIds.adoptOrDraw(failure.request().getHeader("X-Correlation-Id"));
        String route = routeOf(failure);
        Map<String, Object> body = IngressRefusals.body(reason(status), details(context, failure, status),
                correlationId);
        IngressRefusals.count(context, route, status);
        if (status == 404 || status == 405) {
            // scanners probe paths all day: counted, and logged only at debug
            LOG.debug("refused {} with {}: no route serves it; correlationId={}", failure.request().method(), status,
                    correlationId);
        } else {
            LOG.warn("refused {} {} with {} before the route (not dead-lettered: the body was not read): {};"
                    + " correlationId={}", failure.request().method(), route, status,
                    failure.failure() == null ? "no cause" : io.unikernal.runtime.SecretMasker.mask(
                            String.valueOf(failure.failure())), correlationId);
        }
        failure.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(StrictJson.write(body));
    }

    /** The Camel route the request was for, when known: a lookup only, so callers cannot add label values. */
    private static String routeOf(RoutingContext failure) {
        String pattern = failure.currentRoute() == null ? null : failure.currentRoute().getPath();
        String route = pattern == null ? null : ROUTE_BY_PATH.get(pattern);
        String path = failure.normalizedPath();
        return route != null || path == null ? route : ROUTE_BY_PATH.get(path);
    }

    /** The methods the routes of this path serve (sorted); empty when no route serves the path at all. */
    private static List<String> methodsServing(Router router, String path) {
        java.util.TreeSet<String> methods = new java.util.TreeSet<>();
        for (io.vertx.ext.web.Route route : router.getRoutes()) {
            // a path with :params counts as a regex path in Vert.x, but getPath() still gives its template
            if (route.getPath() != null && route.methods() != null
                    && pathMatches(route.getPath(), path)) {
                route.methods().forEach(m -> methods.add(m.name()));
            }
        }
        return List.copyOf(methods);
    }

    /** Vert.x path templates as platform-http writes them: {@code /orders/:id}, and {@code /files*} for prefixes. */
    private static boolean pathMatches(String template, String path) {
        if (path == null) {
            return false;
        }
        if (template.endsWith("*")) {
            return path.startsWith(template.substring(0, template.length() - 1));
        }
        String[] want = template.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!want[i].startsWith(":") && !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }

    private static String reason(int status) {
        return switch (status) {
            case 404 -> "no route serves this path";
            case 405 -> "the method is not allowed on this path";
            case 413 -> "the request body is too large";
            case 400 -> "the request could not be read";
            default -> status < 500 ? "the request was refused" : "the request could not be processed";
        };
    }

    private static List<String> details(CamelContext context, RoutingContext request, int status) {
        String what = request.request().method() + " " + request.normalizedPath();
        if (status == 404) {
            return List.of("no route serves " + what + "; check the path (a route's from.path is appended to its"
                    + " http system's path)");
        }
        if (status == 400) {
            return List.of("a header of the request could not be parsed (e.g. a Content-Type with an unterminated"
                    + " quote or an empty charset); send Content-Type: application/json");
        }
        if (status == 405) {
            return List.of("no route serves " + what + "; see the Allow header for the methods served here");
        }
        if (status != 413) {
            return List.of();
        }
        String limit = context.getPropertiesComponent().resolveProperty("camel.server.maxBodySize").orElse(null);
        return List.of(limit == null ? "the body is over the server's limit"
                : "the limit is " + limit + " bytes (the http system's maxBodyBytes)");
    }
}
