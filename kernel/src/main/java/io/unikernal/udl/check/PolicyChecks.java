package io.unikernal.udl.check;

import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.PolicyDecl;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.spec.PolicySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Checks of a route's {@code policy:} that the shape check cannot make: rates, key hashes, what needs identities. */
final class PolicyChecks {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path baseDir;
    private final Problems problems;

    PolicyChecks(Path baseDir, Problems problems) {
        this.baseDir = baseDir;
        this.problems = problems;
    }

    /**
     * {@code targetUse} checks a system used as a target (the fallback's {@code to}); {@code keyStore} checks the
     * idempotency store (null when the route names none).
     */
    void check(RouteDecl route, Consumer<EndpointRef> targetUse, Consumer<EndpointRef> keyStore) {
        PolicyDecl policy = route.policy();
        PolicyDecl.Auth auth = policy.auth();
        if (auth != null) {
            for (PolicyDecl.ApiKey key : auth.apiKeys()) {
                if (!SHA256_HEX.matcher(key.sha256()).matches()) {
                    problems.add(UdlMessages.badKeyHash(key.sha256Pos(), key.id()));
                }
            }
            if (auth.apiKeys().isEmpty() && auth.keysFile() == null) {
                problems.add(UdlMessages.policyNeedsKeys(auth.pos(), route.name(), "auth names no apiKeys and no "
                        + "keysFile, so every call would be refused"));
            }
            if (auth.keysFile() != null && !io.unikernal.spi.adapter.UdlPaths.isReadableFile(baseDir, auth.keysFile())) {
                problems.add(UdlMessages.fileNotFound(auth.keysFilePos(), auth.keysFile()));
            }
        }
        PolicyDecl.RateLimit limit = policy.rateLimit();
        if (limit != null) {
            if (limit.rate() != null && !limit.rate().matches(PolicySpec.RATE_REGEX)) {
                problems.add(UdlMessages.badRate(limit.ratePos(), limit.rate()));
            }
            if (limit.perCaller() && auth == null) {
                problems.add(UdlMessages.policyNeedsKeys(limit.pos(), route.name(),
                        "rateLimit per caller needs to know the caller"));
            }
        }
        if (policy.idempotency() != null) {
            PolicyDecl.Idempotency idempotency = policy.idempotency();
            keyStore.accept(idempotency.store() == null ? null
                    : new EndpointRef(idempotency.store(), Map.of(), idempotency.storePos()));
        }
        checkFallback(policy.fallback(), targetUse);
    }

    /** Checks a target's own policy (in its endpoint map); only its fallback needs more than the shape check. */
    void checkTarget(PolicyDecl policy, Consumer<EndpointRef> targetUse) {
        checkFallback(policy.fallback(), targetUse);
    }

    private void checkFallback(PolicyDecl.Fallback fallback, Consumer<EndpointRef> targetUse) {
        if (fallback != null) {
            if (fallback.to() != null && fallback.reply() != null) {
                problems.add(UdlMessages.conflictingKeys(fallback.toPos(), "to", "reply",
                        "a fallback either sends to another system or replies, not both"));
            } else if (fallback.to() == null && fallback.reply() == null) {
                problems.add(UdlMessages.missingKey(fallback.pos(), "fallback", "to",
                        "A system that gets the message instead (or write reply).", "backup"));
            } else if (fallback.to() != null) {
                targetUse.accept(new EndpointRef(fallback.to(), Map.of(), fallback.toPos()));
            }
        }
    }
}
