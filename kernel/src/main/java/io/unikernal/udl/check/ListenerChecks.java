package io.unikernal.udl.check;

import io.unikernal.adapter.Adapter;
import io.unikernal.adapter.Adapters;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.spec.OptionSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What routes consume and where they send: one HTTP port per app, no two routes on the same HTTP method and path or
 * the same direct/seda queue, and no loop of routes feeding each other through direct/seda queues.
 */
final class ListenerChecks {

    static final String HTTP = "http";
    private static final Set<String> QUEUES = Set.of("direct", "seda");

    private final UdlDocument doc;
    private final Adapters adapters;
    private final Problems problems;

    ListenerChecks(UdlDocument doc, Adapters adapters, Problems problems) {
        this.doc = doc;
        this.adapters = adapters;
        this.problems = problems;
    }

    void check() {
        ports();
        duplicateConsumers();
        cycles();
    }

    /** All http systems of an app share one listener, so they must agree on its port, host and body limit. */
    private void ports() {
        for (String key : List.of("port", "host", "maxBodyBytes")) {
            SystemDecl first = null;
            String firstValue = null;
            for (SystemDecl system : doc.systems().values()) {
                if (!HTTP.equals(system.adapter()) || adapters.get(HTTP) == null) {
                    continue;
                }
                String value = optionText(system, system.option(key), key);
                if (first == null) {
                    first = system;
                    firstValue = value;
                } else if (!Objects.equals(value, firstValue)) {
                    OptionValue own = system.option(key);
                    problems.add(UdlMessages.httpListenerConflict(own == null ? system.pos() : own.pos(),
                            system.name(), key, value, first.name(), firstValue, first.pos().line()));
                }
            }
        }
    }

    /** The option's text, or the adapter's declared default. */
    private String optionText(SystemDecl system, OptionValue value, String key) {
        if (value != null && value.value() != null) {
            return value.asString();
        }
        Adapter adapter = adapters.get(system.adapter());
        return adapter == null ? null : adapter.systemOptions().stream().filter(o -> o.name().equals(key))
                .map(OptionSpec::defaultValue).filter(Objects::nonNull).map(String::valueOf).findFirst().orElse(null);
    }

    /** What a route consumes, as comparable text: {@code POST /orders}, {@code * /orders}, {@code seda 'x'}; or null. */
    private String consumed(EndpointRef from) {
        if (from == null) {
            return null;
        }
        SystemDecl system = doc.system(from.system());
        if (system == null || system.adapter() == null || adapters.get(system.adapter()) == null) {
            return null;
        }
        if (HTTP.equals(system.adapter())) {
            OptionValue method = from.option("method");
            return (method == null ? "*" : method.asString()) + " " + httpPath(system, from);
        }
        return queue(system);
    }

    private String queue(SystemDecl system) {
        if (system == null || system.adapter() == null || !QUEUES.contains(system.adapter())) {
            return null;
        }
        OptionValue name = system.option("name");
        return system.adapter() + " '" + (name == null ? system.name() : name.asString()) + "'";
    }

    private String httpPath(SystemDecl system, EndpointRef from) {
        String base = optionText(system, system.option("path"), "path");
        base = base == null ? "/" : base;
        OptionValue extraValue = from.option("path");
        String extra = extraValue == null || extraValue.value() == null ? "" : extraValue.asString();
        String joined = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + (extra.isEmpty() || extra.startsWith("/") ? extra : "/" + extra);
        return joined.isEmpty() ? "/" : joined;
    }

    private void duplicateConsumers() {
        Map<String, RouteDecl> byEndpoint = new LinkedHashMap<>();
        for (RouteDecl route : doc.routes()) {
            String endpoint = consumed(route.from());
            if (endpoint == null) {
                continue;
            }
            RouteDecl clash = null;
            for (Map.Entry<String, RouteDecl> e : byEndpoint.entrySet()) {
                if (sameEndpoint(e.getKey(), endpoint)) {
                    clash = e.getValue();
                    break;
                }
            }
            if (clash != null) {
                problems.add(UdlMessages.duplicateEndpoint(route.from().pos(), route.name(), clash.name(),
                        endpoint.startsWith("* ") ? endpoint.substring(2) : endpoint));
            } else {
                byEndpoint.put(endpoint, route);
            }
        }
    }

    /** Same queue, or same HTTP path with the same method or any method on one side. */
    private static boolean sameEndpoint(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int sa = a.indexOf(' ');
        int sb = b.indexOf(' ');
        boolean http = !a.startsWith("direct ") && !a.startsWith("seda ") && !b.startsWith("direct ")
                && !b.startsWith("seda ");
        return http && a.substring(sa).equals(b.substring(sb))
                && (a.startsWith("* ") || b.startsWith("* "));
    }

    private void cycles() {
        List<RouteDecl> routes = doc.routes();
        Map<String, Integer> consumerOfQueue = new LinkedHashMap<>();
        for (int i = 0; i < routes.size(); i++) {
            RouteDecl r = routes.get(i);
            String q = r.from() == null ? null : queue(doc.system(r.from().system()));
            if (q != null) {
                consumerOfQueue.putIfAbsent(q, i);
            }
        }
        // edges: route i --(target ref)--> route j
        List<List<Edge>> edges = new ArrayList<>();
        for (RouteDecl r : routes) {
            List<Edge> out = new ArrayList<>();
            for (EndpointRef target : StepWalk.targets(r)) {
                Integer j = consumerOfQueue.get(queue(doc.system(target.system())));
                if (j != null) {
                    out.add(new Edge(target, j));
                }
            }
            edges.add(out);
        }
        Set<String> reported = new HashSet<>();
        for (int start = 0; start < routes.size(); start++) {
            List<Edge> path = new ArrayList<>();
            findCycle(start, start, edges, path, new HashSet<>(), reported);
        }
    }

    private record Edge(EndpointRef via, int to) {
    }

    private void findCycle(int start, int at, List<List<Edge>> edges, List<Edge> path, Set<Integer> seen,
            Set<String> reported) {
        for (Edge e : edges.get(at)) {
            if (e.to() == start) {
                List<Edge> cycle = new ArrayList<>(path);
                cycle.add(e);
                report(start, cycle, reported);
            } else if (e.to() > start && seen.add(e.to())) {
                path.add(e);
                findCycle(start, e.to(), edges, path, seen, reported);
                path.remove(path.size() - 1);
            }
        }
    }

    private void report(int start, List<Edge> cycle, Set<String> reported) {
        List<String> words = new ArrayList<>();
        words.add("route " + doc.routes().get(start).name());
        for (Edge e : cycle) {
            words.add("system " + e.via().system());
            words.add("route " + doc.routes().get(e.to()).name());
        }
        if (reported.add(String.join(" ", words))) {
            problems.add(UdlMessages.routeCycle(cycle.get(0).via().pos(), words));
        }
    }
}
