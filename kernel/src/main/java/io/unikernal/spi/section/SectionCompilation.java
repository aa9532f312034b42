package io.unikernal.spi.section;

import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.udl.model.RouteDecl;

/** What a section kind's compilation may use: the compile context and the kernel's route compiler. */
public interface SectionCompilation {

    CompileContext context();

    /**
     * Compiles a route the section derives (e.g. a heartbeat, a translation's endpoint) exactly as a route written
     * under {@code routes:} is compiled — source, steps, policies, dead letter, reply — and adds it to the app.
     * Its positions point at the section, so problems name the user's own lines. Returns the compiled route, so a
     * section may append nodes of its own after the steps (named beans and URIs only) — for a one-way source, whose
     * route ends with its steps; the route's failure clauses (retry, dead letter) cover them too.
     */
    org.apache.camel.model.RouteDefinition route(RouteDecl route);

    /**
     * Adds a route the section builds itself from Camel model nodes (named beans, components and languages only, so
     * it dumps to YAML); its id must be unique in the app.
     */
    void addRoute(org.apache.camel.model.RouteDefinition route);

    /**
     * Appends a call to a declared system as a target, with what the kernel adds to every call (its adapter's nodes,
     * the idempotency key); {@code owner} names the section's route in ids and metrics.
     */
    void call(String owner, io.unikernal.udl.model.EndpointRef target,
            org.apache.camel.model.ProcessorDefinition<?> block);
}
