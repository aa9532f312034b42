package io.unikernal.udl.model;

import java.util.List;

/**
 * An entry of {@code routes:}. {@code deadLetter} (may be null) receives every message the route cannot process —
 * invalid, or failed — with the reason; without it a failure is reported to the caller (or logged for one-way sources)
 * and the error handler's default applies. {@code policy} (may be null) protects the route and its target calls.
 * {@code engine} (may be null: CEL) names the routing engine that decides the route's {@code choose} steps.
 */
public record RouteDecl(String name, String description, EndpointRef from, List<Step> steps, ReplyDecl reply,
        EndpointRef deadLetter, PolicyDecl policy, String engine, SourcePos pos) {

    /** A route on the default decision path (CEL). */
    public RouteDecl(String name, String description, EndpointRef from, List<Step> steps, ReplyDecl reply,
            EndpointRef deadLetter, PolicyDecl policy, SourcePos pos) {
        this(name, description, from, steps, reply, deadLetter, policy, null, pos);
    }

    /** A route without a policy. */
    public RouteDecl(String name, String description, EndpointRef from, List<Step> steps, ReplyDecl reply,
            EndpointRef deadLetter, SourcePos pos) {
        this(name, description, from, steps, reply, deadLetter, null, null, pos);
    }
}
