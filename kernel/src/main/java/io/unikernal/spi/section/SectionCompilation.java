package io.unikernal.spi.section;

import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.udl.model.RouteDecl;

/** What a section kind's compilation may use: the compile context and the kernel's route compiler. */
public interface SectionCompilation {

    CompileContext context();

    /**
     * Compiles a route the section derives (e.g. a heartbeat, a translation's endpoint) exactly as a route written
     * under {@code routes:} is compiled — source, steps, policies, dead letter, reply — and adds it to the app.
     * Its positions point at the section, so problems name the user's own lines.
     */
    void route(RouteDecl route);
}
