package io.unikernal.udl.check;

import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.SharedListener;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.model.UdlDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What routes consume and where they send, from what each adapter's roles describe (never from adapter names):
 * systems that share a listener agree on its settings, no two routes consume one channel (the same HTTP method and
 * path, the same queue), and no routes feed each other in a loop through channels they consume.
 */
final class ListenerChecks {

    private final UdlDocument doc;
    private final Adapters adapters;
    private final StepWalk walk;
    private final Problems problems;

    ListenerChecks(UdlDocument doc, Adapters adapters, StepWalk walk, Problems problems) {
        this.doc = doc;
        this.adapters = adapters;
        this.walk = walk;
        this.problems = problems;
    }

    void check() {
        sharedListeners();
        duplicateConsumers();
        cycles();
    }

    private Adapter adapterOf(SystemDecl system) {
        return system == null || system.adapter() == null ? null : adapters.get(system.adapter());
    }

    private Optional<SharedListener> sharedListener(SystemDecl system) {
        Adapter adapter = adapterOf(system);
        return adapter == null ? Optional.empty() : adapter.source().flatMap(r -> r.sharedListener(system));
    }

    /** The systems of one shared listener must agree on each of its settings; the first system sets the value. */
    private void sharedListeners() {
        Map<String, SystemDecl> firstOfGroup = new LinkedHashMap<>();
        Map<String, SharedListener> firstListener = new LinkedHashMap<>();
        for (SystemDecl system : doc.systems().values()) {
            Optional<SharedListener> found = sharedListener(system);
            if (found.isEmpty()) {
                continue;
            }
            SharedListener listener = found.get();
            SystemDecl first = firstOfGroup.putIfAbsent(listener.group(), system);
            if (first == null) {
                firstListener.put(listener.group(), listener);
                continue;
            }
            SharedListener expected = firstListener.get(listener.group());
            for (Map.Entry<String, String> setting : expected.settings().entrySet()) {
                String value = listener.settings().get(setting.getKey());
                if (!Objects.equals(value, setting.getValue())) {
                    OptionValue own = system.option(setting.getKey());
                    problems.add(UdlMessages.listenerConflict(own == null ? system.pos() : own.pos(),
                            listener.group(), system.name(), setting.getKey(), value, first.name(),
                            setting.getValue(), first.pos().line(), listener.hintFor(setting.getKey())));
                }
            }
        }
    }

    /** What a route consumes, or empty. */
    private Optional<Channel> consumed(EndpointRef from) {
        if (from == null) {
            return Optional.empty();
        }
        SystemDecl system = doc.system(from.system());
        Adapter adapter = adapterOf(system);
        return adapter == null ? Optional.empty() : adapter.source().flatMap(r -> r.consumes(system, from));
    }

    /** The channel a call feeds, or empty. */
    private Optional<Channel> fed(EndpointRef target) {
        SystemDecl system = doc.system(target.system());
        Adapter adapter = adapterOf(system);
        return adapter == null ? Optional.empty() : adapter.target().flatMap(r -> r.feeds(system, target));
    }

    private void duplicateConsumers() {
        Map<Channel, RouteDecl> byChannel = new LinkedHashMap<>();
        for (RouteDecl route : doc.routes()) {
            Optional<Channel> channel = consumed(route.from());
            if (channel.isEmpty()) {
                continue;
            }
            RouteDecl clash = null;
            for (Map.Entry<Channel, RouteDecl> e : byChannel.entrySet()) {
                if (e.getKey().clashesWith(channel.get())) {
                    clash = e.getValue();
                    break;
                }
            }
            if (clash != null) {
                problems.add(UdlMessages.duplicateEndpoint(route.from().pos(), route.name(), clash.name(),
                        channel.get().display()));
            } else {
                byChannel.put(channel.get(), route);
            }
        }
    }

    private void cycles() {
        List<RouteDecl> routes = doc.routes();
        List<Channel> consumedChannels = new ArrayList<>();
        List<Integer> consumers = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            Optional<Channel> channel = consumed(routes.get(i).from());
            if (channel.isPresent()) {
                consumedChannels.add(channel.get());
                consumers.add(i);
            }
        }
        // edges: route i --(target ref)--> route j
        List<List<Edge>> edges = new ArrayList<>();
        for (RouteDecl r : routes) {
            List<Edge> out = new ArrayList<>();
            for (EndpointRef target : walk.targets(r)) {
                Optional<Channel> fed = fed(target);
                for (int k = 0; fed.isPresent() && k < consumedChannels.size(); k++) {
                    if (consumedChannels.get(k).sameAddress(fed.get())) {
                        out.add(new Edge(target, consumers.get(k)));
                        break;
                    }
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
