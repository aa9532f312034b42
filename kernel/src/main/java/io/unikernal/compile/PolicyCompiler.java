package io.unikernal.compile;

import io.unikernal.runtime.policy.ApiKeyAuthenticator;
import io.unikernal.runtime.policy.BreakerOpenCheck;
import io.unikernal.runtime.policy.FixedFallbackReply;
import io.unikernal.runtime.policy.GuardedCallPool;
import io.unikernal.runtime.policy.RateLimiter;
import io.unikernal.runtime.Json;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.PolicyDecl;
import io.unikernal.udl.model.RouteDecl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.Resilience4jConfigurationDefinition;

/**
 * Compiles a route's {@code policy:} onto Camel: auth and rate limit as named processors right after the source's
 * normalisation; retry as the redelivery policy of the route's failure clause (so the dead-letter record's attempt
 * count is Camel's own); timeout, circuit breaker, bulkhead and fallback as a {@code circuitBreaker} EIP with a
 * {@code resilience4jConfiguration} around each target call. A timeout is the target client's own where its adapter
 * has one ({@link io.unikernal.adapter.Adapter#targetWithTimeout}), else the EIP's time limiter on the app's
 * {@link GuardedCallPool}.
 */
final class PolicyCompiler {

    private final DefaultCompileContext ctx;

    PolicyCompiler(DefaultCompileContext ctx) {
        this.ctx = ctx;
    }

    /** Authenticates, authorises and rate-limits each incoming message (in that order). */
    void guardIngress(RouteDecl decl, ProcessorDefinition<?> route, boolean callerWaits) {
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
        return Json.write(spec);
    }

    /** Retry as exponential redelivery with jitter (Camel's collision avoidance: ±15%). */
    static void redelivery(PolicyDecl.Retry retry, OnExceptionDefinition clause) {
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
     * Wraps what follows in Camel's idempotent consumer keyed by the CEL expression, with the keys in a JDBC table
     * of the store system (an embedded H2 database when none is named); returns the block the steps go into.
     */
    ProcessorDefinition<?> processOnce(RouteDecl decl, ProcessorDefinition<?> route) {
        PolicyDecl.Idempotency idempotency = decl.policy().idempotency();
        String store = idempotency.store();
        if (store == null) {
            store = decl.name() + "-idempotency-store";
            org.apache.camel.model.BeanFactoryDefinition<?> db = new org.apache.camel.model.BeanFactoryDefinition<>();
            db.setName(store);
            db.setType("io.unikernal.adapter.jdbc.UdlDataSource");
            db.setProperties(new java.util.LinkedHashMap<>(Map.of(
                    "jdbcUrl", "jdbc:h2:mem:" + ctx.document().name() + "-" + store + ";DATABASE_TO_LOWER=TRUE",
                    "username", "sa", "poolName", ctx.document().name() + "-" + store, "maximumPoolSize", "4")));
            db.setDestroyMethod("close");
            ctx.addBean(db);
        }
        org.apache.camel.model.BeanFactoryDefinition<?> table = new org.apache.camel.model.BeanFactoryDefinition<>();
        table.setName(decl.name() + "-processed-keys-table");
        table.setType(io.unikernal.runtime.ProcessedKeysTable.class.getName());
        table.setProperties(new java.util.LinkedHashMap<>(Map.of("dataSource", "#bean:" + store)));
        table.setInitMethod("create");
        ctx.addBean(table);
        String repository = decl.name() + "-processed-keys";
        org.apache.camel.model.BeanFactoryDefinition<?> repo = new org.apache.camel.model.BeanFactoryDefinition<>();
        repo.setName(repository);
        repo.setType("org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository");
        // the constructor (not setters) also builds the transaction template the repository needs
        Map<Integer, Object> args = new java.util.LinkedHashMap<>();
        args.put(0, "#bean:" + store);
        args.put(1, ctx.document().name() + "/" + decl.name());
        repo.setConstructors(args);
        repo.setProperties(new java.util.LinkedHashMap<>(Map.of("createTableIfNotExists", "false")));
        ctx.addBean(repo);
        org.apache.camel.model.IdempotentConsumerDefinition once = route.idempotentConsumer(
                new org.apache.camel.model.language.LanguageExpression("cel", idempotency.key().source()));
        once.idempotentRepository(repository);
        return once;
    }

    interface Delivery {
        void deliver(EndpointRef target, ProcessorDefinition<?> block);

        /** Delivers with the call bounded by the target's own client; false (nothing appended) if it has none. */
        boolean deliverWithTimeout(EndpointRef target, Duration timeout, ProcessorDefinition<?> block);
    }

    /** Sends to a target through the route's timeout, breaker, bulkhead and fallback (when the policy has any). */
    void guardedCall(RouteDecl decl, EndpointRef target, ProcessorDefinition<?> block, Delivery delivery) {
        PolicyDecl policy = decl.policy();
        if (policy == null || !policy.guardsTargets()) {
            delivery.deliver(target, block);
            return;
        }
        CircuitBreakerDefinition breaker = block.circuitBreaker();
        breaker.id(ctx.uniqueName(decl.name() + "-" + target.system() + "-breaker"));
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
            CircuitBreakerDefinition onFallback = breaker.onFallback();
            if (fallback.to() != null) {
                onFallback.log(org.apache.camel.LoggingLevel.WARN, "unikernal.fallback." + decl.name(),
                        "target " + target.system() + " failed or its breaker is open; sending to "
                                + fallback.to() + " instead");
                delivery.deliver(new EndpointRef(fallback.to(), Map.of(), fallback.toPos()), onFallback);
            } else {
                String name = ctx.uniqueName("fallback-reply-" + decl.name());
                ctx.addBean(name, FixedFallbackReply.class,
                        Map.of("route", decl.name(), "spec", Json.write(fallback.reply())));
                onFallback.process(name);
            }
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

    private static Resilience4jConfigurationDefinition configuration(PolicyDecl policy) {
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
