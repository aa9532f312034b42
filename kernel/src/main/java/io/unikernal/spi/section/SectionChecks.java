package io.unikernal.spi.section;

import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.UdlDocument;

/** What a section kind's checks may use. */
public interface SectionChecks {

    UdlDocument document();

    Problems problems();

    /** Checks a use of a system as a source (from); false when not valid. */
    boolean useAsSource(EndpointRef source);

    /** Checks a use of a system as a target (to); false when not valid. */
    boolean useAsTarget(EndpointRef target);
}
