package io.unikernal.udl.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, checked UDL file. Maps keep the order of the file. {@code sections} holds the models of the top-level
 * sections plug-ins contribute ({@code translations:}, {@code pipelines:}, ...), by key.
 */
public record UdlDocument(String file, int udl, String name, Map<String, SystemDecl> systems,
        Map<String, SchemaDecl> schemas, List<RouteDecl> routes, List<TestDecl> tests, Map<String, Object> sections) {

    public UdlDocument(String file, int udl, String name, Map<String, SystemDecl> systems,
            Map<String, SchemaDecl> schemas, List<RouteDecl> routes, List<TestDecl> tests) {
        this(file, udl, name, systems, schemas, routes, tests, Map.of());
    }

    public SystemDecl system(String name) {
        return systems.get(name);
    }

    public RouteDecl route(String name) {
        return routes.stream().filter(r -> name != null && name.equals(r.name())).findFirst().orElse(null);
    }

    /** The model of a plug-in's section, when the file has it. */
    public <M> Optional<M> section(String key, Class<M> type) {
        Object section = sections.get(key);
        return type.isInstance(section) ? Optional.of(type.cast(section)) : Optional.empty();
    }
}
