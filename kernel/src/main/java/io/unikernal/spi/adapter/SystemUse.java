package io.unikernal.spi.adapter;

import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One use of a system in a route: the system's declaration, the use's own options ({@code from: {system: x, ...}},
 * {@code to: ...}), and for a target call the route's timeout for it (empty when the call is not bounded).
 */
public record SystemUse(SystemDecl system, EndpointRef use, Optional<Duration> timeout) {

    public SystemUse {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(use, "use");
        Objects.requireNonNull(timeout, "timeout");
    }

    public static SystemUse of(SystemDecl system, EndpointRef use) {
        return new SystemUse(system, use, Optional.empty());
    }

    public SystemUse withTimeout(Duration limit) {
        return new SystemUse(system, use, Optional.of(limit));
    }

    public String systemName() {
        return system.name();
    }
}
