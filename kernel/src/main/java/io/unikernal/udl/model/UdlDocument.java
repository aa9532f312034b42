package io.unikernal.udl.model;

import java.util.List;
import java.util.Map;

/** A parsed, checked UDL file. Maps keep the order of the file. */
public record UdlDocument(String file, int udl, String name, Map<String, SystemDecl> systems,
        Map<String, SchemaDecl> schemas, List<RouteDecl> routes, List<TestDecl> tests) {

    public SystemDecl system(String name) {
        return systems.get(name);
    }

    public RouteDecl route(String name) {
        return routes.stream().filter(r -> name != null && name.equals(r.name())).findFirst().orElse(null);
    }
}
