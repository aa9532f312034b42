package io.unikernal.dsl.policy;

import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.policy.ApiKeyAuthenticator;
import io.unikernal.runtime.policy.RateLimiter;
import io.unikernal.udl.model.PolicyDecl;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.spec.PolicySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

/**
 * A UDL route {@code policy:} for hand-written Camel routes: API-key auth, a rate limit, retry and a circuit breaker,
 * configured once and used by any number of routes ({@link #on(RouteBuilder, String)}). Immutable; the builder
 * ({@link #custom()}) checks each value as it is set, with the same ranges and defaults as the UDL keys
 * ({@link PolicySpec}). Each part runs on the kernel's own implementation: {@link ApiKeyAuthenticator},
 * {@link RateLimiter}, Camel's redelivery as {@code io.unikernal.compile.policy.PolicyCompiler} sets it, and Camel's
 * Resilience4j {@code circuitBreaker} EIP with the kernel's configuration and open-breaker check.
 */
public final class Policy {

    private final String header;
    private final List<PolicyDecl.ApiKey> apiKeys;
    private final List<String> roles;
    private final PolicyDecl.RateLimit rateLimit;
    private final PolicyDecl.Retry retry;
    private final PolicyDecl.CircuitBreaker circuitBreaker;

    private Policy(Builder b) {
        this.header = b.header;
        this.apiKeys = List.copyOf(b.apiKeys);
        this.roles = List.copyOf(b.roles);
        this.rateLimit = b.rateLimit;
        this.retry = b.retry;
        this.circuitBreaker = b.circuitBreaker;
    }

    public static Builder custom() {
        return new Builder();
    }

    /** The policy as the UDL compiler's model of a {@code policy:} (what the kernel's pieces are configured from). */
    PolicyDecl decl() {
        PolicyDecl.Auth auth = apiKeys.isEmpty() ? null
                : new PolicyDecl.Auth(header, apiKeys, null, roles, SourcePos.UNKNOWN, SourcePos.UNKNOWN);
        return new PolicyDecl(auth, rateLimit, null, retry, circuitBreaker, null, null, null, SourcePos.UNKNOWN);
    }

    /** The policy applied to the routes of one route {@code name} (rate-limit buckets and breakers are per name). */
    public PolicyRoutes on(RouteBuilder builder, String name) {
        return new PolicyRoutes(this, builder, name);
    }

    boolean hasRetry() {
        return retry != null;
    }

    PolicyDecl.Retry retry() {
        return retry;
    }

    boolean hasBreaker() {
        return circuitBreaker != null;
    }

    /** The ingress guards of route {@code name}, in the order the compiler puts them: auth, then rate limit. */
    List<Processor> ingress(String name, boolean callerWaits) {
        List<Processor> guards = new ArrayList<>();
        if (!apiKeys.isEmpty()) {
            ApiKeyAuthenticator auth = new ApiKeyAuthenticator();
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("route", name);
            spec.put("header", header);
            spec.put("roles", roles);
            spec.put("keys", apiKeys.stream().map(k -> Map.of("id", k.id(), "sha256", k.sha256(), "roles", k.roles()))
                    .toList());
            auth.setSpec(StrictJson.write(spec));
            guards.add(auth);
        }
        if (rateLimit != null) {
            RateLimiter limiter = new RateLimiter();
            limiter.setRoute(name);
            limiter.setPermits(rateLimit.permits());
            limiter.setPeriodMillis(rateLimit.period().toMillis());
            limiter.setBurst(rateLimit.burst());
            limiter.setPerCaller(rateLimit.perCaller());
            limiter.setWaitForPermit(!callerWaits);
            guards.add(limiter);
        }
        return guards;
    }

    /** Validating builder; every setter quotes the bad value when it refuses one. */
    public static final class Builder {
        private String header = PolicySpec.AUTH_HEADER.defaultValue();
        private final List<PolicyDecl.ApiKey> apiKeys = new ArrayList<>();
        private final List<String> roles = new ArrayList<>();
        private PolicyDecl.RateLimit rateLimit;
        private PolicyDecl.Retry retry;
        private PolicyDecl.CircuitBreaker circuitBreaker;

        private Builder() {
        }

        /** The header that carries the API key (default {@code X-Api-Key}). */
        public Builder apiKeyHeader(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("apiKeyHeader: '" + name + "' is not a header name");
            }
            this.header = name;
            return this;
        }

        /**
         * A caller {@code id} whose key hashes to {@code sha256} (64 lowercase hex digits, as in UDL: the key itself
         * is never written down), with its roles.
         */
        public Builder apiKey(String id, String sha256, String... callerRoles) {
            Objects.requireNonNull(id, "id");
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("apiKey " + id + ": sha256 '" + sha256
                        + "' is not 64 lowercase hex digits (the SHA-256 of the key, e.g. sha256sum)");
            }
            HexFormat.of().parseHex(sha256);
            apiKeys.add(new PolicyDecl.ApiKey(id, sha256, List.of(callerRoles), SourcePos.UNKNOWN, SourcePos.UNKNOWN));
            return this;
        }

        /** Callers need one of these roles (after {@link #apiKey}). */
        public Builder roles(String... needed) {
            roles.addAll(List.of(needed));
            return this;
        }

        /** A token bucket of {@code permits} per {@code period} for the route, holding {@code permits}. */
        public Builder rateLimit(long permits, Duration period) {
            return rateLimit(permits, period, permits, false);
        }

        /** A token bucket; {@code perCaller}: one bucket per API-key caller instead of one for the route. */
        public Builder rateLimit(long permits, Duration period, long burst, boolean perCaller) {
            if (permits < 1 || period == null || period.isNegative() || period.isZero() || burst < 1) {
                throw new IllegalArgumentException("rateLimit: " + permits + " per " + period + " (burst " + burst
                        + ") must be at least 1 permit per positive period, burst at least 1");
            }
            rateLimit = new PolicyDecl.RateLimit(permits + " per " + period, permits, period, burst, perCaller,
                    SourcePos.UNKNOWN, SourcePos.UNKNOWN);
            return this;
        }

        /** Retry: {@code attempts} in all (the first included), exponential backoff from {@code initial}. */
        public Builder retry(int attempts, Duration initial) {
            return retry(attempts, initial, PolicySpec.RETRY_MAX.defaultValue(),
                    PolicySpec.RETRY_MULTIPLIER.defaultValue(), PolicySpec.RETRY_JITTER.defaultValue());
        }

        public Builder retry(int attempts, Duration initial, Duration max, double multiplier, boolean jitter) {
            if (attempts < 1 || attempts > 100) {
                throw new IllegalArgumentException("retry: attempts " + attempts + " must be 1..100");
            }
            if (initial == null || initial.isNegative() || max == null || max.compareTo(initial) < 0
                    || multiplier < 1) {
                throw new IllegalArgumentException("retry: initial " + initial + ", max " + max + ", multiplier "
                        + multiplier + ": delays must be positive, max at least initial, multiplier at least 1");
            }
            retry = new PolicyDecl.Retry(attempts, initial, max, multiplier, jitter, SourcePos.UNKNOWN);
            return this;
        }

        /** A circuit breaker opening at {@code failureRate} % failures over the last {@code window} calls. */
        public Builder circuitBreaker(int failureRate, int window) {
            return circuitBreaker(failureRate, window, PolicySpec.BREAKER_WAIT_OPEN.defaultValue());
        }

        public Builder circuitBreaker(int failureRate, int window, Duration waitOpen) {
            if (failureRate < 1 || failureRate > 100 || window < 1 || waitOpen == null || waitOpen.isNegative()) {
                throw new IllegalArgumentException("circuitBreaker: failureRate " + failureRate + " must be 1..100,"
                        + " window " + window + " at least 1, waitOpen " + waitOpen + " not negative");
            }
            circuitBreaker = new PolicyDecl.CircuitBreaker(failureRate,
                    PolicySpec.BREAKER_SLOW_CALL_RATE.defaultValue(), PolicySpec.BREAKER_SLOW_CALL.defaultValue(),
                    window, null, PolicySpec.BREAKER_HALF_OPEN_CALLS.defaultValue(), waitOpen, SourcePos.UNKNOWN);
            return this;
        }

        public Policy build() {
            return new Policy(this);
        }
    }
}
