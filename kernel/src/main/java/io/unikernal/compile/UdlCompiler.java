package io.unikernal.compile;

import io.unikernal.adapter.Adapter;
import io.unikernal.adapter.Adapters;
import io.unikernal.runtime.CaptureTarget;
import io.unikernal.runtime.DeadLetterRecorder;
import io.unikernal.runtime.ErrorReplyProcessor;
import io.unikernal.runtime.idempotency.OutboundIdempotencyKey;
import io.unikernal.runtime.FailureHistory;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.policy.PolicyRejectedException;
import io.unikernal.runtime.policy.PolicyRejectionReply;
import io.unikernal.runtime.ReplyProcessor;
import io.unikernal.runtime.SecretMaskingFormatter;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.runtime.TransformProcessor;
import io.unikernal.runtime.ValidateProcessor;
import io.unikernal.runtime.adaptive.AdaptiveLoadBalancer;
import io.unikernal.runtime.fanout.FanOutJoin;
import io.unikernal.runtime.targets.TargetFailure;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.model.UdlDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.MulticastDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ExpressionSubElementDefinition;
import org.apache.camel.model.language.ConstantExpression;
import org.apache.camel.model.language.LanguageExpression;

/**
 * Compiles a checked UDL document into one Camel model. Every node it emits refers only to named beans, Camel
 * components and the {@code cel} language, so the same model runs in process and dumps to YAML that runs under
 * plain Camel Main.
 */
public final class UdlCompiler {

    static final String CEL = "cel";

    private final Adapters adapters;

    public UdlCompiler(Adapters adapters) {
        this.adapters = adapters;
    }

    /**
     * Compiles a document the parser accepted without errors. Throws {@link CompilerDefect} (naming the system or
     * route) if the compiler or an adapter fails anyway: that is a Unikernal bug, not a user error.
     */
    public CompiledApp compile(UdlDocument doc, Path baseDir, CompileOptions options) {
        DefaultCompileContext ctx = new DefaultCompileContext(doc, baseDir, options, adapters);
        guarded("app '" + doc.name() + "'", () -> {
            ctx.addProperty("camel.main.name", doc.name());
            maskLogs(ctx);
        });
        if (!options.testMode()) {
            // under test every source and target is replaced, so no system's resources (pools, servers) are needed
            for (SystemDecl system : doc.systems().values()) {
                guarded("system '" + system.name() + "' (" + system.pos() + ")",
                        () -> adapter(system).contribute(system, ctx));
            }
        }
        List<RouteDefinition> routes = new java.util.ArrayList<>();
        for (RouteDecl route : doc.routes()) {
            guarded("route '" + route.name() + "' (" + route.pos() + ")", () -> routes.add(compileRoute(route, ctx)));
        }
        routes.addAll(ctx.extraRoutes());
        if (!options.testMode()) {
            guarded("the health of app '" + doc.name() + "'", () -> SystemHealthBean.declare(doc, ctx));
        }
        listSecretEnvNames(doc, ctx);
        return new CompiledApp(doc.name(), ctx.routeConfigurations(), routes, ctx.beans(), ctx.properties());
    }

    private static void guarded(String where, Runnable part) {
        try {
            part.run();
        } catch (RuntimeException | LinkageError e) {
            throw new CompilerDefect(where, e);
        }
    }

    /**
     * Secrets never reach a log line: Camel's log EIP and log component mask through {@link SecretMaskingFormatter}.
     */
    private void maskLogs(DefaultCompileContext ctx) {
        ctx.addProperty("camel.main.logMask", "true");
        ctx.addBean(org.apache.camel.spi.MaskingFormatter.CUSTOM_LOG_MASK_REF, SecretMaskingFormatter.class,
                Map.of());
    }

    /**
     * Lists in {@value UdlRuntime#SECRET_ENV_PROPERTY} the environment variables that hold secrets — those in a
     * secret option, and any read anywhere in the file whose name says so ({@code DB_PASSWORD}) — so the runtime
     * registers their values for masking before the app starts.
     */
    private void listSecretEnvNames(UdlDocument doc, DefaultCompileContext ctx) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (SystemDecl system : doc.systems().values()) {
            Adapter adapter = adapters.get(system.adapter());
            if (adapter == null) {
                continue;
            }
            adapter.systemOptions().stream().filter(io.unikernal.udl.spec.OptionSpec::isSecret)
                    .map(o -> system.option(o.name())).filter(java.util.Objects::nonNull)
                    .forEach(value -> names.addAll(Placeholders.envNames(value.asString())));
            // options an adapter does not read in this run (test mode) still name the app's secrets
            system.options().values().forEach(value -> ctx.noteSecretEnvNames(value.asString()));
        }
        names.addAll(ctx.secretEnvNames());
        if (!names.isEmpty()) {
            ctx.addProperty(UdlRuntime.SECRET_ENV_PROPERTY, String.join(",", names));
        }
    }

    private RouteDefinition compileRoute(RouteDecl decl, DefaultCompileContext ctx) {
        SystemDecl source = ctx.document().system(decl.from().system());
        Adapter sourceAdapter = adapter(source);
        boolean callerWaits = sourceAdapter.isRequestReply();

        RouteDefinition route = new RouteDefinition();
        route.from(ctx.testMode() ? CompileOptions.testSourceUri(decl.name())
                : sourceAdapter.sourceUri(source, decl.from(), ctx));
        route.routeId(decl.name());
        if (decl.description() != null) {
            route.description(decl.description());
        }
        route.routeGroup(ctx.document().name());

        deadLetterHandling(decl, route, ctx, sourceAdapter, source, callerWaits);

        sourceAdapter.normalize(source, decl.from(), route, ctx);
        new PolicyCompiler(ctx).guardIngress(decl, route, callerWaits);
        ProcessorDefinition<?> body = route;
        if (decl.policy() != null && decl.policy().idempotency() != null) {
            body = new PolicyCompiler(ctx).processOnce(decl, route);
        }
        StepCompiler steps = new StepCompiler(ctx, decl);
        steps.compile(decl.steps(), body);
        steps.policies.breakerMetrics(decl, route);
        if (body != route) {
            body.end();
            steps.policies.refuseInFlightDuplicates(decl, route);
        }
        if (decl.reply() != null || callerWaits) {
            route.process(replyBean(decl, ctx));
        }
        if (callerWaits) {
            sourceAdapter.denormalizeReply(source, decl.from(), route, ctx);
        }
        return route;
    }

    /**
     * Every failure of the route — a malformed or invalid message, a target that fails — is handled the same way: a
     * dead-letter record (original payload, reason, route, attempts) goes to the route's {@code deadLetter} system
     * (or to the error log when it has none), and a waiting caller gets an error reply.
     */
    private void deadLetterHandling(RouteDecl decl, RouteDefinition route, DefaultCompileContext ctx,
            Adapter sourceAdapter, SystemDecl source, boolean callerWaits) {
        // Camel's YAML DSL takes route-scoped error handling as a route configuration, so that is what we build
        RouteConfigurationDefinition configuration = new RouteConfigurationDefinition();
        configuration.setId(decl.name() + "-on-failure");
        ctx.addRouteConfiguration(configuration);
        route.routeConfigurationId(configuration.getId());
        if (callerWaits && decl.policy() != null && (decl.policy().auth() != null
                || decl.policy().rateLimit() != null || decl.policy().idempotency() != null)) {
            refusalClause(configuration, sourceAdapter, source, decl, ctx);
        }
        if (decl.policy() != null && decl.policy().retry() != null) {
            // a message at fault is not retried: the same message fails the same way; nor is a call the open
            // breaker refused: it stays open for whole seconds, far longer than a retry's backoff
            failureClause(configuration.onException(MessageRejectedException.class,
                    io.unikernal.runtime.policy.BreakerOpenCheck.BreakerOpenException.class), decl, ctx,
                    sourceAdapter, source, callerWaits);
            OnExceptionDefinition retried = configuration.onException(Exception.class);
            PolicyCompiler.redelivery(decl.policy().retry(), retried);
            failureClause(retried, decl, ctx, sourceAdapter, source, callerWaits);
        } else {
            failureClause(configuration.onException(Exception.class), decl, ctx, sourceAdapter, source, callerWaits);
        }
    }

    private void failureClause(OnExceptionDefinition onException, RouteDecl decl, DefaultCompileContext ctx,
            Adapter sourceAdapter, SystemDecl source, boolean callerWaits) {
        // a model expression (not handled(true)'s Java constant) so the YAML dump keeps it
        onException.setHandled(new ExpressionSubElementDefinition(new ConstantExpression("true")));
        String recorder = "dead-letter-record-" + decl.name();
        ctx.addBean(recorder, DeadLetterRecorder.class, decl.policy() != null && decl.policy().auth() != null
                ? List.of(decl.name(), decl.policy().auth().header()) : List.of(decl.name()), Map.of());
        String history = "failure-history-" + decl.name();
        ctx.addBean(history, FailureHistory.class, List.of(decl.name()), Map.of());
        onException.onExceptionOccurredRef(history);
        onException.process(recorder);
        if (decl.deadLetter() != null) {
            // if the dead-letter system fails too, the record still reaches the error log rather than vanishing
            org.apache.camel.model.TryDefinition attempt = onException.doTry();
            idempotencyKey(decl.deadLetter(), decl.name() + "-dead-letter-" + decl.deadLetter().system(), attempt, ctx);
            deliver(decl.deadLetter(), attempt, ctx);
            attempt.setProperty(DeadLetterRecorder.KEPT, new ConstantExpression("true"));
            attempt.log(org.apache.camel.LoggingLevel.WARN, "unikernal.dead-letter." + decl.name(),
                    "${exchangeProperty." + DeadLetterRecorder.SUMMARY + "}; kept in " + decl.deadLetter().system());
            attempt.doCatch(Exception.class).log(org.apache.camel.LoggingLevel.ERROR,
                    "unikernal.dead-letter." + decl.name(), "the dead-letter system " + decl.deadLetter().system()
                            + " failed (${exception.message}); the failed message: ${body}").end();
        } else {
            onException.log(org.apache.camel.LoggingLevel.ERROR, "unikernal.dead-letter." + decl.name(),
                    "no deadLetter on route " + decl.name() + ", logging the failed message: ${body}");
        }
        if (callerWaits) {
            ctx.addBean("error-reply", ErrorReplyProcessor.class, Map.of());
            onException.process("error-reply");
            sourceAdapter.denormalizeReply(source, decl.from(), onException, ctx);
        }
        onException.end();
    }

    /**
     * A call the policy refused (401, 403, 409 for a copy of a message in flight, 429) is answered and logged without
     * the credential, not dead-lettered: it was never accepted, and an attacker must not be able to fill the
     * dead-letter store.
     */
    private void refusalClause(RouteConfigurationDefinition configuration, Adapter sourceAdapter, SystemDecl source,
            RouteDecl decl, DefaultCompileContext ctx) {
        OnExceptionDefinition refused = configuration.onException(PolicyRejectedException.class);
        refused.setHandled(new ExpressionSubElementDefinition(new ConstantExpression("true")));
        refused.log(org.apache.camel.LoggingLevel.WARN, "unikernal.policy." + decl.name(),
                "refused: ${exception.message}");
        ctx.addBean("policy-refusal-reply", PolicyRejectionReply.class, Map.of());
        refused.process("policy-refusal-reply");
        sourceAdapter.denormalizeReply(source, decl.from(), refused, ctx);
        refused.end();
    }

    private String replyBean(RouteDecl decl, DefaultCompileContext ctx) {
        String name = ctx.uniqueName("reply-" + decl.name());
        if (decl.reply() != null) {
            decl.reply().headers().values().forEach(ctx::noteSecretEnvNames); // ReplyProcessor resolves them
        }
        ctx.addBean(name, ReplyProcessor.class, Map.of("spec", Specs.replyJson(decl.reply())));
        return name;
    }

    /**
     * Gives the target call compiled next its idempotency key ({@link OutboundIdempotencyKey}): stable across the
     * route's retries of the message, distinct per call site. A fallback target shares its primary call's key.
     */
    private void idempotencyKey(EndpointRef target, String hint, ProcessorDefinition<?> block,
            DefaultCompileContext ctx) {
        if (ctx.testMode() || !adapter(ctx.document().system(target.system())).sendsIdempotencyKey()) {
            return;
        }
        String name = ctx.uniqueName("idempotency-key-" + hint);
        ctx.addBean(name, OutboundIdempotencyKey.class, Map.of("call", ctx.document().name() + "/" + name));
        block.process(name);
    }

    void deliver(EndpointRef target, ProcessorDefinition<?> block, DefaultCompileContext ctx) {
        SystemDecl system = ctx.document().system(target.system());
        if (ctx.testMode()) {
            String capture = "capture-" + system.name();
            ctx.addBean(capture, CaptureTarget.class, List.of(system.name()), Map.of());
            block.process(capture);
            return;
        }
        adapter(system).target(system, target, block, ctx);
    }

    /** Delivers with the call bounded by the target's own client timeout; false (nothing appended) if it has none. */
    boolean deliverWithTimeout(EndpointRef target, java.time.Duration timeout, ProcessorDefinition<?> block,
            DefaultCompileContext ctx) {
        SystemDecl system = ctx.document().system(target.system());
        return !ctx.testMode() && adapter(system).targetWithTimeout(system, target, timeout, block, ctx);
    }

    private Adapter adapter(SystemDecl system) {
        Adapter adapter = adapters.get(system.adapter());
        if (adapter == null) {
            throw new IllegalStateException(system.pos() + ": adapter '" + system.adapter()
                    + "' is not installed (the document should have been checked before compiling)");
        }
        return adapter;
    }

    /** Compiles steps into a block; a filter nests the steps after it, because false means "stop here". */
    private final class StepCompiler {
        private final DefaultCompileContext ctx;
        private final RouteDecl decl;
        private final PolicyCompiler policies;

        StepCompiler(DefaultCompileContext ctx, RouteDecl decl) {
            this.ctx = ctx;
            this.decl = decl;
            this.policies = new PolicyCompiler(ctx);
        }

        private void call(EndpointRef target, ProcessorDefinition<?> block) {
            idempotencyKey(target, decl.name() + "-call-" + target.system(), block, ctx);
            policies.guardedCall(decl, target, block, new PolicyCompiler.Delivery() {
                @Override
                public void deliver(EndpointRef t, ProcessorDefinition<?> b) {
                    UdlCompiler.this.deliver(t, b, ctx);
                }

                @Override
                public boolean deliverWithTimeout(EndpointRef t, java.time.Duration timeout, ProcessorDefinition<?> b) {
                    return UdlCompiler.this.deliverWithTimeout(t, timeout, b, ctx);
                }
            });
        }

        void compile(List<Step> steps, ProcessorDefinition<?> block) {
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (step instanceof Step.Filter filter) {
                    ProcessorDefinition<?> inner = block.filter(cel(filter.condition().source()));
                    compile(steps.subList(i + 1, steps.size()), inner);
                    inner.end();
                    return;
                }
                compileOne(step, block);
            }
        }

        private void compileOne(Step step, ProcessorDefinition<?> block) {
            if (step instanceof Step.Validate v) {
                String name = "validate-" + v.schema();
                ctx.addBean(name, ValidateProcessor.class,
                        Map.of("spec", Specs.schemaJson(ctx.document().schemas().get(v.schema()))));
                block.process(name);
            } else if (step instanceof Step.Transform t) {
                String name = ctx.uniqueName("transform");
                ctx.addBean(name, TransformProcessor.class, Map.of("spec", Specs.transformJson(t)));
                block.process(name);
            } else if (step instanceof Step.Choose c) {
                java.util.Optional<io.unikernal.routing.RuleTable> rules = decl.engine() == null
                        ? java.util.Optional.empty() : EngineChoose.table(c);
                ChoiceDefinition choice;
                if (rules.isPresent()) {
                    // the routing engine decides; a plain choice on its decision takes the branch
                    block.to(EngineChoose.uri(decl.engine(), rules.get()));
                    choice = block.choice();
                    for (int i = 0; i < c.whens().size(); i++) {
                        choice.when(new org.apache.camel.model.language.SimpleExpression("${header."
                                + EngineChoose.DECISION_HEADER + "} == '" + EngineChoose.branch(i) + "'"));
                        compile(c.whens().get(i).steps(), choice);
                    }
                } else {
                    choice = block.choice();
                    for (Step.When when : c.whens()) {
                        choice.when(cel(when.condition().source()));
                        compile(when.steps(), choice);
                    }
                }
                if (c.otherwise() != null && !c.otherwise().isEmpty()) {
                    choice.otherwise();
                    compile(c.otherwise(), choice);
                }
                choice.end();
            } else if (step instanceof Step.Split s) {
                org.apache.camel.model.SplitDefinition split = block.split(cel(s.by().source()));
                if (s.parallel() != null) {
                    // a thread pool profile of exactly this many threads; synchronous so that async producers too
                    // stay within it (Camel's split would otherwise hand off and start more)
                    String pool = ctx.uniqueName(decl.name() + "-split-pool");
                    String profile = "camel.threadpool.config[" + pool + "].";
                    ctx.addProperty(profile + "id", pool);
                    ctx.addProperty(profile + "poolSize", String.valueOf(s.parallel()));
                    ctx.addProperty(profile + "maxPoolSize", String.valueOf(s.parallel()));
                    ctx.addProperty(profile + "maxQueueSize", "-1");
                    split.parallelProcessing().synchronous().executorService(pool);
                }
                compile(s.steps(), split);
                split.end();
            } else if (step instanceof Step.FanOut fan) {
                compileFanOut(fan, block);
            } else if (step instanceof Step.To to) {
                compileTo(to, block);
            } else if (step instanceof Step.Route r && r.adaptive() != null) {
                compileAdaptive(r.adaptive(), block);
            } else if (step instanceof Step.Route r) {
                // the routing engine picks a target; a plain choice on its decision delivers there
                io.unikernal.routing.RuleTable table = EngineChoose.table(r);
                block.to(EngineChoose.uri(decl.engine() == null ? "auto" : decl.engine(), table));
                ChoiceDefinition choice = block.choice();
                for (String target : table.targets()) {
                    choice.when(new org.apache.camel.model.language.SimpleExpression("${header."
                            + EngineChoose.DECISION_HEADER + "} == '" + target + "'"));
                    call(new EndpointRef(target, Map.of(), r.pos()), choice);
                }
                choice.end();
            } else if (step instanceof Step.Log log) {
                // a UDL reference becomes a placeholder resolved at start-up (and masked), not simple's own env:
                block.log(ctx.toCamel(log.message()));
            } else if (step instanceof Step.Filter) {
                throw new IllegalStateException("filter is compiled by compile(List, block)");
            }
        }

        /**
         * A target call whose failure is recorded (see {@link TargetFailure}) instead of failing the message: the
         * step around it decides. Inside the doTry Camel's error handler leaves the failure to the doCatch.
         */
        private void recordedCall(EndpointRef target, ProcessorDefinition<?> block) {
            ctx.addBean("target-failure", TargetFailure.class, Map.of());
            org.apache.camel.model.TryDefinition attempt = block.doTry();
            call(target, attempt);
            attempt.doCatch(Exception.class).process("target-failure");
        }

        private void compileAdaptive(Step.Adaptive adaptive, ProcessorDefinition<?> block) {
            String name = ctx.uniqueName("adaptive-" + decl.name());
            ctx.addBean(name, AdaptiveLoadBalancer.class, Map.of(
                    "route", decl.name(),
                    "targets", String.join(",", adaptive.targets()),
                    "smoothing", String.valueOf(adaptive.smoothing()),
                    "explore", String.valueOf(adaptive.explore()),
                    "downAfter", String.valueOf(adaptive.downAfter()),
                    "probeAfterMillis", String.valueOf(adaptive.probeAfter().toMillis())));
            org.apache.camel.model.LoadBalanceDefinition balance = block.loadBalance().custom(name);
            for (String target : adaptive.targets()) {
                recordedCall(new EndpointRef(target, Map.of(), adaptive.pos()), balance);
            }
            balance.end();
        }

        private void compileFanOut(Step.FanOut fan, ProcessorDefinition<?> block) {
            String name = ctx.uniqueName("fan-out-" + decl.name());
            ctx.addBean(name, FanOutJoin.class, Map.of(
                    "route", decl.name(),
                    "join", fan.join(),
                    "needed", String.valueOf(fan.needed()),
                    "timeoutMillis", String.valueOf(fan.timeout() == null ? 0 : fan.timeout().toMillis()),
                    "targets", String.join(",", fan.targets().stream().map(EndpointRef::system).toList())));
            org.apache.camel.model.LoadBalanceDefinition all = block.loadBalance().custom(name);
            for (EndpointRef target : fan.targets()) {
                recordedCall(target, all);
            }
            all.end();
        }

        /** One target in line; several in parallel, after which the body is the one before the fan-out. */
        private void compileTo(Step.To to, ProcessorDefinition<?> block) {
            if (!to.parallel()) {
                call(to.targets().get(0), block);
                return;
            }
            MulticastDefinition fanOut = block.multicast().parallelProcessing().stopOnException()
                    .aggregationStrategy("#class:org.apache.camel.processor.aggregate.UseOriginalAggregationStrategy");
            for (EndpointRef target : to.targets()) {
                ProcessorDefinition<?> branch = fanOut.pipeline();
                call(target, branch);
                branch.end();
            }
            fanOut.end();
        }
    }

    static LanguageExpression cel(String source) {
        return new LanguageExpression(CEL, source);
    }
}
