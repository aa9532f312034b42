package io.unikernal.udl.model;

import java.time.Duration;
import java.util.List;

/**
 * A route's {@code policy:}. Every part may be null (absent). Durations are already parsed; positions point at the
 * part in the UDL file.
 */
public record PolicyDecl(Auth auth, RateLimit rateLimit, Duration timeout, Retry retry, CircuitBreaker circuitBreaker,
        Integer bulkhead, Fallback fallback, Idempotency idempotency, SourcePos pos) {

    /** Process-once by a key expression; {@code store} (may be null: embedded H2) is a system that keeps keys. */
    public record Idempotency(Expr key, String store, SourcePos pos, SourcePos storePos) {
    }


    /**
     * The policy for calls to one target: this (the route's) with the parts the target's own policy gives replacing
     * the route's (timeout, circuit breaker, bulkhead, fallback). Either may be null.
     */
    public static PolicyDecl forTarget(PolicyDecl route, PolicyDecl target) {
        if (target == null) {
            return route;
        }
        if (route == null) {
            return target;
        }
        return new PolicyDecl(route.auth, route.rateLimit, target.timeout != null ? target.timeout : route.timeout,
                route.retry, target.circuitBreaker != null ? target.circuitBreaker : route.circuitBreaker,
                target.bulkhead != null ? target.bulkhead : route.bulkhead,
                target.fallback != null ? target.fallback : route.fallback, route.idempotency, route.pos);
    }

    /** True when target calls go through a Resilience4j circuit-breaker node (timeout, breaker or bulkhead). */
    public boolean guardsTargets() {
        return timeout != null || circuitBreaker != null || bulkhead != null || fallback != null;
    }

    /** L1 API keys (inline hashes and/or a keys file) and L3 roles. */
    public record Auth(String header, List<ApiKey> apiKeys, String keysFile, List<String> roles, SourcePos pos,
            SourcePos keysFilePos) {
    }

    /** One caller: identity, SHA-256 of its key (hex), roles. */
    public record ApiKey(String id, String sha256, List<String> roles, SourcePos pos, SourcePos sha256Pos) {
    }

    /** A token bucket: {@code permits} per {@code period}, holding at most {@code burst}; per route or per caller. */
    public record RateLimit(String rate, long permits, Duration period, long burst, boolean perCaller, SourcePos pos,
            SourcePos ratePos) {
    }

    /** Attempts in all (first included) with exponential backoff. */
    public record Retry(int attempts, Duration initial, Duration max, double multiplier, boolean jitter,
            SourcePos pos) {
    }

    /** Resilience4j breaker settings; {@code minimumCalls} null = the window size. */
    public record CircuitBreaker(int failureRate, int slowCallRate, Duration slowCall, int window,
            Integer minimumCalls, int halfOpenCalls, Duration waitOpen, SourcePos pos) {
    }

    /** Exactly one of {@code to} (a system) and {@code reply} (a fixed body) is set. */
    public record Fallback(String to, Object reply, SourcePos pos, SourcePos toPos) {
    }
}
