package io.unikernal.spi.step;

import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.UdlDocument;

/** What a step kind's checks may use: the document, the route, where problems go, and the kernel's use checks. */
public interface StepChecks {

    UdlDocument document();

    RouteDecl route();

    Problems problems();

    /**
     * Checks a use of a system as a target (it exists, its adapter can be a target, its required options are there,
     * the adapter's own checks); returns false when the use is not valid.
     */
    boolean useAsTarget(EndpointRef target);
}
