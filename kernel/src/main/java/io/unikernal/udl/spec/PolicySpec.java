package io.unikernal.udl.spec;

import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.spec.Shape.ListOf;
import io.unikernal.udl.spec.Shape.Struct;
import io.unikernal.udl.spec.Shape.Value;
import java.util.List;

/**
 * The declaration of a route's {@code policy:} — authentication (L1 API keys), roles (L3), rate limit, timeout,
 * retry, circuit breaker, bulkhead and fallback. Part of {@link UdlSpec}; kept apart so the language's core stays
 * readable. docs/policies.md explains how each key compiles onto Camel.
 */
public final class PolicySpec {

    /** {@code 100/s}, {@code 20/m}, {@code 1000/h}: a whole number of permits per unit. */
    public static final String RATE_REGEX = "[1-9][0-9]*/(s|m|h)";

    public static final Option<String> AUTH_HEADER = Option.string("header").defaultValue("X-Api-Key")
            .description("The header that carries the key.").example("X-Api-Key");

    public static final Option<Integer> RATE_BURST = Option.integer("burst").range(1, 1_000_000)
            .description("How many permits the bucket holds (the largest burst); the number of the rate when absent.")
            .example("20");
    public static final Option<String> RATE_PER = Option.string("per").allowed("route", "caller").defaultValue("route")
            .description("One bucket for the route, or one per caller identity (needs auth).").example("caller");

    public static final Option<Integer> RETRY_ATTEMPTS = Option.integer("attempts").range(1, 100).required()
            .description("Attempts in all, the first included.").example("3");
    public static final Option<java.time.Duration> RETRY_INITIAL = Option.duration("initial").defaultText("100ms")
            .description("The delay before the first retry.").example("100ms");
    public static final Option<java.time.Duration> RETRY_MAX = Option.duration("max").defaultText("10s")
            .description("The longest delay between attempts.").example("5s");
    public static final Option<Double> RETRY_MULTIPLIER = Option.number("multiplier").defaultText("2")
            .description("Each delay is the previous times this.").example("2");
    public static final Option<Boolean> RETRY_JITTER = Option.bool("jitter").defaultValue(true)
            .description("Randomise each delay by ±15% so callers do not retry in step.").example("true");

    public static final Option<Integer> BREAKER_FAILURE_RATE = Option.integer("failureRate").range(1, 100)
            .defaultValue(50).description("Failure rate (%) that opens the breaker.").example("50");
    public static final Option<Integer> BREAKER_SLOW_CALL_RATE = Option.integer("slowCallRate").range(1, 100)
            .defaultValue(100).description("Slow-call rate (%) that opens the breaker.").example("100");
    public static final Option<java.time.Duration> BREAKER_SLOW_CALL = Option.duration("slowCall").defaultText("60s")
            .description("A call this long or longer is slow (whole seconds).").example("2s");
    public static final Option<Integer> BREAKER_WINDOW = Option.integer("window").range(1, 1_000_000)
            .defaultValue(100).description("How many recent calls the rates are computed over.").example("20");
    public static final Option<Integer> BREAKER_MINIMUM_CALLS = Option.integer("minimumCalls").range(1, 1_000_000)
            .description("Calls needed in the window before the rates count; the window size when absent.")
            .example("10");
    public static final Option<Integer> BREAKER_HALF_OPEN_CALLS = Option.integer("halfOpenCalls")
            .range(1, 1_000_000).defaultValue(10).description("Probe calls let through when half open.").example("3");
    public static final Option<java.time.Duration> BREAKER_WAIT_OPEN = Option.duration("waitOpen").defaultText("60s")
            .description("How long the breaker stays open before probing (whole seconds).").example("30s");

    public static final Option<Integer> BULKHEAD_MAX = Option.integer("maxConcurrent").range(1, 1_000_000)
            .required().description("Calls in flight at most.").example("10");

    public static final Struct API_KEY = new Struct("apiKey", "API key",
            "One caller's API key, stored as the SHA-256 of the key (never the key itself).",
            List.of(
                    UdlKey.of("id", Value.of(ValueKind.STRING).named(Shape.NameRule.IDENTIFIER),
                            "The caller's identity; appears in logs, metrics and rate-limit buckets instead of "
                                    + "the key.", "shop").asRequired(),
                    UdlKey.of("sha256", ValueKind.STRING, "The lowercase hex SHA-256 of the key "
                            + "(`printf %s KEY | sha256sum`).", "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"")
                            .asRequired(),
                    UdlKey.of("roles", ValueKind.STRING_LIST, "The roles this caller holds.", "[orders-writer]")),
            false);

    public static final Struct AUTH = new Struct("auth", "auth policy",
            "Who may call the route: L1 API keys, optionally with L3 roles. A missing or unknown key is refused "
                    + "with 401, a known key without a required role with 403. The key header is removed after the "
                    + "check, so it never reaches a target or a log line.",
            List.of(
                    AUTH_HEADER.key(),
                    UdlKey.of("apiKeys", new ListOf(API_KEY), "Keys written in the file, hashed.",
                            "[{id: shop, sha256: \"9f86...\", roles: [orders-writer]}]"),
                    UdlKey.of("keysFile", ValueKind.STRING, "A file of keys, one `id sha256 role,role` per line "
                            + "(# comments); re-read when it changes, so keys rotate without a restart. Relative to "
                            + "the UDL file.", "keys.txt"),
                    UdlKey.of("roles", ValueKind.STRING_LIST, "The caller must hold at least one of these roles.",
                            "[orders-writer, admin]")),
            false);

    public static final Struct RATE_LIMIT = new Struct("rateLimit", "rate limit",
            "A token bucket (Bucket4j): `rate` permits are added per unit of time, up to `burst` stored; a request "
                    + "without a permit is refused with 429 and Retry-After.",
            List.of(
                    UdlKey.of("rate", ValueKind.STRING, "Permits per second, minute or hour.", "100/s")
                            .asRequired(),
                    RATE_BURST.key(),
                    RATE_PER.key()),
            false);

    public static final Struct RETRY = new Struct("retry", "retry policy",
            "Redelivery of a failed step with exponential backoff (Camel's redelivery policy); after the last "
                    + "attempt the message goes to the dead-letter destination with the attempt count. Messages "
                    + "at fault (invalid, refused) are not retried.",
            List.of(
                    RETRY_ATTEMPTS.key(), RETRY_INITIAL.key(), RETRY_MAX.key(), RETRY_MULTIPLIER.key(),
                    RETRY_JITTER.key()),
            false);

    public static final Struct CIRCUIT_BREAKER = new Struct("circuitBreaker", "circuit breaker",
            "A Resilience4j circuit breaker around each target of the route: it opens when the failure rate or "
                    + "the slow-call rate over the last `window` calls reaches its threshold, refuses calls while "
                    + "open, and lets `halfOpenCalls` probes through after `waitOpen`.",
            List.of(
                    BREAKER_FAILURE_RATE.key(), BREAKER_SLOW_CALL_RATE.key(), BREAKER_SLOW_CALL.key(),
                    BREAKER_WINDOW.key(), BREAKER_MINIMUM_CALLS.key(), BREAKER_HALF_OPEN_CALLS.key(),
                    BREAKER_WAIT_OPEN.key()),
            false);

    public static final Struct BULKHEAD = new Struct("bulkhead", "bulkhead",
            "Caps the calls in flight to each target of the route; a call over the cap fails at once.",
            List.of(BULKHEAD_MAX.key()),
            false);

    public static final Struct FALLBACK = new Struct("fallback", "fallback",
            "What happens instead when a target call fails or its breaker is open: another target, or a fixed "
                    + "reply. Exactly one of `to` and `reply`.",
            List.of(
                    UdlKey.of("to", Value.of(ValueKind.SYSTEM_REF), "A system that gets the message instead.",
                            "backup"),
                    UdlKey.of("reply", ValueKind.ANY, "A fixed body that becomes the target's answer.",
                            "{status: degraded}")),
            false);

    public static final Struct IDEMPOTENCY = new Struct("idempotency", "idempotency",
            "Processes each message once: a message whose key was processed before is acknowledged and not "
                    + "processed again (an HTTP caller gets 200 {\"duplicate\": true}); a copy arriving while the "
                    + "first is still in flight is refused (409 with Retry-After; a dead letter for a one-way "
                    + "source). The key is recorded when the message arrives and forgotten if the message fails, so "
                    + "a retry is processed. Keys are kept by the "
                    + "store: a jdbc, postgres, mariadb or sqlite system in table CAMEL_MESSAGEPROCESSED (created if "
                    + "missing), a redis system as keys with an optional time to live (its keepFor).",
            List.of(
                    UdlKey.of("key", ValueKind.EXPRESSION, "The CEL expression whose value identifies a message.",
                            "id").asRequired(),
                    UdlKey.of("store", Value.of(ValueKind.SYSTEM_REF), "A system whose adapter keeps processed keys "
                            + "(jdbc, postgres, mariadb, sqlite, redis); an embedded H2 database when absent.", "db")),
            false);

    public static final Struct TARGET_POLICY = new Struct("targetPolicy", "target policy",
            "How calls to this one target are guarded, written in the target's map: `to: {system: pricer, policy: "
                    + "{timeout: 1s, circuitBreaker: {...}}}`. Each part given here replaces the route policy's part "
                    + "for this target; parts not given are the route's. Retry stays the route's.",
            List.of(
                    UdlKey.of("timeout", ValueKind.DURATION, "The longest a call to this target may take.", "1s"),
                    UdlKey.of("circuitBreaker", CIRCUIT_BREAKER, "This target's own circuit breaker.",
                            "{failureRate: 50, window: 20}"),
                    UdlKey.of("bulkhead", BULKHEAD, "Calls in flight to this target at most.",
                            "{maxConcurrent: 10}"),
                    UdlKey.of("fallback", FALLBACK, "What happens instead when this target fails.",
                            "{to: backup}")),
            false);

    public static final Struct POLICY = new Struct("policy", "policy",
            "How the route is protected (auth, rate limit) and how it calls its targets (timeout, retry, circuit "
                    + "breaker, bulkhead, fallback). Every key is optional.",
            List.of(
                    UdlKey.of("auth", AUTH, AUTH.description(), "{apiKeys: [{id: shop, sha256: \"9f86...\"}]}"),
                    UdlKey.of("rateLimit", RATE_LIMIT, RATE_LIMIT.description(), "{rate: 100/s, burst: 20}"),
                    UdlKey.of("timeout", ValueKind.DURATION, "The longest a target call may take; a slower call "
                            + "fails (and counts for the breaker). An http-client target applies it itself, to "
                            + "getting a connection and to each wait for the response.", "2s"),
                    UdlKey.of("retry", RETRY, RETRY.description(), "{attempts: 3, initial: 100ms, max: 2s}"),
                    UdlKey.of("circuitBreaker", CIRCUIT_BREAKER, CIRCUIT_BREAKER.description(),
                            "{failureRate: 50, window: 20, waitOpen: 30s}"),
                    UdlKey.of("bulkhead", BULKHEAD, BULKHEAD.description(), "{maxConcurrent: 10}"),
                    UdlKey.of("fallback", FALLBACK, FALLBACK.description(), "{reply: {status: degraded}}"),
                    UdlKey.of("idempotency", IDEMPOTENCY, IDEMPOTENCY.description(), "{key: id, store: db}")),
            false);

    /** The structs of this part of the language, in reference-doc order. */
    public static List<Struct> structs() {
        return List.of(POLICY, AUTH, API_KEY, RATE_LIMIT, RETRY, CIRCUIT_BREAKER, BULKHEAD, FALLBACK, IDEMPOTENCY,
                TARGET_POLICY);
    }

    private PolicySpec() {
    }
}
