package io.unikernal.compile.policy;

import io.unikernal.spi.adapter.KeyStoreRole;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.compile.context.DefaultCompileContext;
import io.unikernal.runtime.policy.ApiKeyAuthenticator;
import io.unikernal.runtime.policy.BreakerOpenCheck;
import io.unikernal.runtime.policy.FixedFallbackReply;
import io.unikernal.runtime.policy.GuardedCallOutcome;
import io.unikernal.runtime.policy.GuardedCallPool;
import io.unikernal.runtime.policy.RateLimiter;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.PolicyDecl;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.PolicySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * Compiles a route's {@code policy:} onto Camel: auth and rate limit as named processors right after the source's
 * normalisation; retry as the redelivery policy of the route's failure clause (so the dead-letter record's attempt
 * count is Camel's own); circuit breaker and fallback as the kernel's breaker step around each target call
 * ({@link io.unikernal.runtime.policy.GuardedCallBreaker}); a bulkhead, or a timeout the target's client cannot
 * enforce, as a {@code circuitBreaker} EIP with a {@code resilience4jConfiguration}. A timeout is the target client's
 * own where its adapter has one ({@link io.unikernal.spi.adapter.Capability#CLIENT_TIMEOUT}), else the EIP's time
 * limiter on the app's {@link GuardedCallPool}.
 */
public final class PolicyCompiler {

    private final DefaultCompileContext ctx;
    private final Map<String, String> breakerIds = new LinkedHashMap<>();
    private final List<org.apache.camel.model.RouteDefinition> callRoutes = new ArrayList<>();

    public PolicyCompiler(DefaultCompileContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Gives the route the policy that puts its circuit breakers (those compiled by this compiler) in the metrics.
     * Call after the route's steps are compiled.
     */
    public void breakerMetrics(RouteDecl decl, org.apache.camel.model.RouteDefinition route) {
        if (breakerIds.isEmpty()) {
            return;
        }
        String name = ctx.uniqueName("breaker-metrics-" + decl.name());
        StringBuilder spec = new StringBuilder();
        breakerIds.forEach((id, target) -> spec.append(spec.length() == 0 ? "" : ",").append(id).append('=')
                .append(target));
        ctx.addBean(name, io.unikernal.runtime.policy.BreakerMetricsPolicy.class,
                Map.of("route", decl.name(), "breakers", spec.toString()));
        // on the guarded-call routes too: a breaker there exists only once that route has started
        for (org.apache.camel.model.RouteDefinition holder : breakerRoutes(route)) {
            String existing = holder.getRoutePolicyRef();
            // Camel reads a comma-separated list of route policy references
            holder.routePolicyRef(existing == null ? name : existing + "," + name);
        }
    }

    private List<org.apache.camel.model.RouteDefinition> breakerRoutes(org.apache.camel.model.RouteDefinition route) {
        List<org.apache.camel.model.RouteDefinition> routes = new ArrayList<>(callRoutes);
        routes.add(0, route);
        return routes;
    }

    /** Authenticates, authorises and rate-limits each incoming message (in that order). */
    public void guardIngress(RouteDecl decl, ProcessorDefinition<?> route, boolean callerWaits) {
        PolicyDecl policy = decl.policy();
        if (policy == null) {
            return;
        }
        if (policy.auth() != null) {
            String name = ctx.uniqueName("auth-" + decl.name());
            ctx.addBean(name, ApiKeyAuthenticator.class, Map.of("spec", authSpec(decl, policy.auth())));
            route.process(name);
        }
        PolicyDecl.RateLimit limit = policy.rateLimit();
        if (limit != null && limit.period() != null) {
            String name = ctx.uniqueName("rate-limit-" + decl.name());
            Map<String, String> props = new LinkedHashMap<>();
            props.put("route", decl.name());
            props.put("permits", String.valueOf(limit.permits()));
            props.put("periodMillis", String.valueOf(limit.period().toMillis()));
            props.put("burst", String.valueOf(limit.burst()));
            props.put("perCaller", String.valueOf(limit.perCaller()));
            props.put("waitForPermit", String.valueOf(!callerWaits));
            ctx.addBean(name, RateLimiter.class, props);
            route.process(name);
        }
    }

    private String authSpec(RouteDecl decl, PolicyDecl.Auth auth) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("route", decl.name());
        spec.put("header", auth.header());
        spec.put("roles", auth.roles());
        if (auth.keysFile() != null) {
            spec.put("keysFile", ctx.baseDir().resolve(auth.keysFile()).toAbsolutePath().normalize().toString());
        }
        List<Map<String, Object>> keys = new ArrayList<>();
        for (PolicyDecl.ApiKey key : auth.apiKeys()) {
            keys.add(Map.of("id", key.id(), "sha256", key.sha256(), "roles", key.roles()));
        }
        spec.put("keys", keys);
        return StrictJson.write(spec);
    }

    /** Retry as exponential redelivery with jitter (Camel's collision avoidance: ±15%). */
    public static void redelivery(PolicyDecl.Retry retry, OnExceptionDefinition clause) {
        clause.maximumRedeliveries(retry.attempts() - 1)
                .redeliveryDelay(retry.initial().toMillis())
                .maximumRedeliveryDelay(retry.max().toMillis())
                .backOffMultiplier(retry.multiplier())
                .useExponentialBackOff();
        if (retry.jitter()) {
            clause.useCollisionAvoidance();
        }
    }

    /** Where a target call goes: the block itself, or the inside of a circuit breaker guarding it. */
    /**
     * Wraps the rest of the route in Camel's idempotent consumer. The keys live in the {@code store} system, whose
     * adapter builds the repository ({@link io.unikernal.spi.adapter.KeyStoreRole#processedKeysRepository}, a
     * {@link io.unikernal.runtime.idempotency.ProcessedKeysRepository}); without a store,
     * in a store of the adapter that offers an embedded one (the jdbc adapter's H2); under {@code unikernal test}, where no system is contributed,
     * in memory. Returns the block the steps go into.
     */
    public ProcessorDefinition<?> processOnce(RouteDecl decl, ProcessorDefinition<?> route) {
        PolicyDecl.Idempotency idempotency = decl.policy().idempotency();
        String repository;
        if (ctx.testMode()) {
            repository = ctx.uniqueName(decl.name() + "-processed-keys");
            ctx.addBean(repository, io.unikernal.runtime.idempotency.MemoryProcessedKeys.class, Map.of());
        } else {
            SystemDecl store;
            if (idempotency.store() == null) {
                // the checks refuse a route without a store when no adapter offers an embedded one
                Adapter embedded = ctx.adapters().embeddedKeyStore().orElseThrow();
                store = new SystemDecl(decl.name() + "-idempotency-store", embedded.name(), Map.of(),
                        idempotency.pos(), idempotency.pos());
                embedded.contribute(store, ctx);
            } else {
                store = ctx.document().system(idempotency.store());
            }
            repository = keyStore(store).processedKeysRepository(store, ctx.document().name() + "/" + decl.name(),
                    ctx);
        }
        org.apache.camel.model.IdempotentConsumerDefinition once = route.idempotentConsumer(
                new org.apache.camel.model.language.LanguageExpression("cel", idempotency.key().source()));
        once.idempotentRepository(repository);
        // the key is confirmed, or removed when a step failed, as soon as the steps are done: before the reply goes
        // out, so a caller that retries after an error reply is never taken for a duplicate of its failed attempt
        once.completionEager(true);
        return once;
    }

    /**
     * After the idempotent block: a duplicate whose original is still in flight is refused rather than told it is
     * done ({@link io.unikernal.runtime.idempotency.InFlightDuplicateCheck}).
     */
    public void refuseInFlightDuplicates(RouteDecl decl, ProcessorDefinition<?> route) {
        String name = ctx.uniqueName("in-flight-duplicate-check-" + decl.name());
        ctx.addBean(name, io.unikernal.runtime.idempotency.InFlightDuplicateCheck.class, Map.of("route", decl.name()));
        route.process(name);
    }

    private KeyStoreRole keyStore(SystemDecl system) {
        Adapter adapter = ctx.adapterOf(system);
        // the checks refuse any other store with NOT_A_KEY_STORE
        return adapter.keyStore().orElseThrow(() -> new IllegalStateException("adapter '" + system.adapter()
                + "' cannot keep processed keys (system " + system.name() + ")"));
    }

    public interface Delivery {
        void deliver(EndpointRef target, ProcessorDefinition<?> block);

        /** Delivers with the call bounded by the target's own client; false (nothing appended) if it has none. */
        boolean deliverWithTimeout(EndpointRef target, Duration timeout, ProcessorDefinition<?> block);

        /** True when the target's own client can time a call out ({@link #deliverWithTimeout} would deliver). */
        boolean clientTimesOut(EndpointRef target);
    }

    /** The route configuration of guarded-call routes: no error handler, so a failure goes back to the caller. */
    static final String GUARDED_CALLS_CONFIGURATION = "unikernal-guarded-calls";

    /**
     * Sends to a target through the route's timeout, breaker, bulkhead and fallback (when the policy has any). With
     * retry as well, the guarded call becomes a route of its own called through {@code direct:}: Camel redelivers the
     * node that failed, and that node must be the whole call (breaker included), not the step after it.
     */
    public void guardedCall(RouteDecl decl, EndpointRef target, ProcessorDefinition<?> block, Delivery delivery) {
        PolicyDecl policy = PolicyDecl.forTarget(decl.policy(), target.policy());
        if (policy == null || !policy.guardsTargets()) {
            delivery.deliver(target, block);
            return;
        }
        if (policy.bulkhead() == null && (policy.timeout() == null || delivery.clientTimesOut(target))) {
            kernelBreakerCall(decl, policy, target, block, delivery);
            return;
        }
        if (policy.retry() == null) {
            breakerCall(decl, policy, target, block, delivery);
            return;
        }
        String id = ctx.uniqueName(decl.name() + "-call-" + target.system());
        org.apache.camel.model.RouteDefinition call = new org.apache.camel.model.RouteDefinition();
        call.from("direct:" + id);
        call.routeId(id);
        call.routeGroup(ctx.document().name());
        call.description("The guarded call of route " + decl.name() + " to " + target.system()
                + "; redelivered as a whole by the route's retry");
        RouteConfigurationDefinition noHandler = new RouteConfigurationDefinition();
        noHandler.setId(GUARDED_CALLS_CONFIGURATION);
        // the calling route's error handler owns retry and dead letter; a handler here would mark the failure
        // as exhausted and stop the caller's redelivery
        noHandler.errorHandler(new org.apache.camel.model.errorhandler.NoErrorHandlerDefinition());
        ctx.addRouteConfiguration(noHandler);
        call.routeConfigurationId(GUARDED_CALLS_CONFIGURATION);
        breakerCall(decl, policy, target, call, delivery);
        callRoutes.add(call);
        ctx.addRoute(call);
        block.to("direct:" + id);
    }

    /**
     * The guarded call run by the route itself (no time limiter, no bulkhead): a {@code step} holding a
     * {@code doTry} of the breaker's permit, the call and its success; the {@code doCatch} records the failure and
     * throws it again (or runs the fallback). The step is the node the route's redelivery re-runs: a retry is a
     * new call through the same breaker, and no exchange is copied.
     */
    private void kernelBreakerCall(RouteDecl decl, PolicyDecl policy, EndpointRef target, ProcessorDefinition<?> block,
            Delivery delivery) {
        String id = ctx.uniqueName(decl.name() + "-" + target.system() + "-breaker");
        breakerIds.put(id, target.system());
        ctx.addBean(id, io.unikernal.runtime.policy.GuardedCallBreaker.class, breakerProperties(target, policy));
        org.apache.camel.model.StepDefinition call = block.step(id + "-call");
        org.apache.camel.model.TryDefinition attempt = call.doTry();
        attempt.process(id);
        if (policy.timeout() == null || !delivery.deliverWithTimeout(target, policy.timeout(), attempt)) {
            delivery.deliver(target, attempt);
        }
        outcomeBean(GuardedCallOutcome.SUCCEEDED, false, true);
        attempt.process(GuardedCallOutcome.SUCCEEDED);
        PolicyDecl.Fallback fallback = policy.fallback();
        String failed = fallback == null ? GuardedCallOutcome.FAILED : GuardedCallOutcome.FAILED_TO_FALLBACK;
        outcomeBean(failed, true, fallback == null);
        attempt.doCatch(Exception.class).process(failed);
        if (fallback != null) {
            fallback(decl, target, fallback, attempt, delivery);
        }
        attempt.end();
        call.end();
    }

    /** The fallback's steps: another target (logged), or a fixed reply. */
    private void fallback(RouteDecl decl, EndpointRef target, PolicyDecl.Fallback fallback,
            ProcessorDefinition<?> block, Delivery delivery) {
        if (fallback.to() != null) {
            block.log(org.apache.camel.LoggingLevel.WARN, "unikernal.fallback." + decl.name(),
                    "target " + target.system() + " failed or its breaker is open; sending to "
                            + fallback.to() + " instead");
            delivery.deliver(new EndpointRef(fallback.to(), Map.of(), fallback.toPos()), block);
        } else {
            String name = ctx.uniqueName("fallback-reply-" + decl.name());
            ctx.addBean(name, FixedFallbackReply.class,
                    Map.of("route", decl.name(), "spec", StrictJson.write(fallback.reply())));
            block.process(name);
        }
    }

    private void outcomeBean(String name, boolean failed, boolean rethrow) {
        ctx.addBean(name, GuardedCallOutcome.class, Map.of("failed", String.valueOf(failed),
                "rethrow", String.valueOf(rethrow)));
    }

    private static Map<String, String> breakerProperties(EndpointRef target, PolicyDecl policy) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("target", target.system());
        PolicyDecl.CircuitBreaker cb = policy.circuitBreaker();
        if (cb != null) {
            props.put("failureRate", String.valueOf(cb.failureRate()));
            props.put("slowCallRate", String.valueOf(cb.slowCallRate()));
            props.put("slowCallMillis", String.valueOf(cb.slowCall().toMillis()));
            props.put("window", String.valueOf(cb.window()));
            props.put("minimumCalls", String.valueOf(cb.minimumCalls() == null ? cb.window() : cb.minimumCalls()));
            props.put("halfOpenCalls", String.valueOf(cb.halfOpenCalls()));
            props.put("waitOpenMillis", String.valueOf(cb.waitOpen().toMillis()));
        }
        return props;
    }

    private void breakerCall(RouteDecl decl, PolicyDecl policy, EndpointRef target, ProcessorDefinition<?> block,
            Delivery delivery) {
        CircuitBreakerDefinition breaker = block.circuitBreaker();
        breaker.id(ctx.uniqueName(decl.name() + "-" + target.system() + "-breaker"));
        breakerIds.put(breaker.getId(), target.system());
        Resilience4jConfigurationDefinition config = configuration(policy);
        breaker.setResilience4jConfiguration(config);
        boolean timed = false;
        if (policy.timeout() == null) {
            delivery.deliver(target, breaker);
        } else if (!delivery.deliverWithTimeout(target, policy.timeout(), breaker)) {
            timed = true;
            // the target's client cannot time the call out: resilience4j's time limiter does, on the app's pool
            delivery.deliver(target, breaker);
            config.setTimeoutEnabled("true");
            config.setTimeoutDuration(String.valueOf(policy.timeout().toMillis()));
            config.setTimeoutExecutorService(guardedCallPool());
        }
        PolicyDecl.Fallback fallback = policy.fallback();
        String check = "breaker-open-check-" + target.system() + (timed ? "-timed" : "");
        if (fallback == null) {
            // Camel's circuitBreaker marks a failed exchange so the route's error handler never sees it: the
            // failure is kept by a fallback and thrown again after the breaker, where retry and dead letter apply
            ctx.addBean(check, BreakerOpenCheck.class,
                    Map.of("target", target.system(), "timed", String.valueOf(timed)));
            breaker.onFallback().process(check);
        } else {
            // after onFallback() the breaker's further outputs form the fallback
            fallback(decl, target, fallback, breaker.onFallback(), delivery);
        }
        breaker.end();
        if (fallback == null) {
            block.process(check);
        }
    }

    /**
     * The app's one pool for time-limited calls. Without a pool of its own the EIP uses the JDK's common pool, which
     * on a 2-core machine means a new thread per call (see {@link GuardedCallPool}).
     */
    private String guardedCallPool() {
        org.apache.camel.model.BeanFactoryDefinition<?> pool = new org.apache.camel.model.BeanFactoryDefinition<>();
        pool.setName(GuardedCallPool.NAME);
        pool.setType(GuardedCallPool.class.getName());
        pool.setDestroyMethod("shutdownNow");
        ctx.addBean(pool);
        return GuardedCallPool.NAME;
    }

    /** The Resilience4j settings of a policy's breaker and bulkhead (the Java DSL guards its calls with the same). */
    public static Resilience4jConfigurationDefinition configuration(PolicyDecl policy) {
        Resilience4jConfigurationDefinition config = new Resilience4jConfigurationDefinition();
        // an open breaker without fallback must fail the message (to retry / dead letter), never pass it on silently
        config.setThrowExceptionWhenHalfOpenOrOpenState("true");
        PolicyDecl.CircuitBreaker cb = policy.circuitBreaker();
        if (cb != null) {
            config.setFailureRateThreshold(String.valueOf(cb.failureRate()));
            config.setSlowCallRateThreshold(String.valueOf(cb.slowCallRate()));
            config.setSlowCallDurationThreshold(String.valueOf(wholeSeconds(cb.slowCall())));
            config.setSlidingWindowSize(String.valueOf(cb.window()));
            config.setMinimumNumberOfCalls(String.valueOf(cb.minimumCalls() == null ? cb.window()
                    : cb.minimumCalls()));
            config.setPermittedNumberOfCallsInHalfOpenState(String.valueOf(cb.halfOpenCalls()));
            config.setWaitDurationInOpenState(String.valueOf(wholeSeconds(cb.waitOpen())));
        }
        if (policy.bulkhead() != null) {
            config.setBulkheadEnabled("true");
            config.setBulkheadMaxConcurrentCalls(String.valueOf(policy.bulkhead()));
        }
        return config;
    }

    /** Camel's resilience4j options take whole seconds for these; anything under a second rounds up to 1. */
    private static long wholeSeconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
