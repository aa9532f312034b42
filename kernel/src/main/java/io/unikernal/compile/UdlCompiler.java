package io.unikernal.compile;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.plugins.Adapters;
import io.unikernal.plugins.Language;
import io.unikernal.plugins.StepKinds;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.spi.section.SectionKind;
import io.unikernal.spi.step.StepCompilation;
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
    private final Language language;
    private final StepKinds stepKinds;

    /** A compiler of the installed language (core and plug-in step and section kinds). */
    public UdlCompiler(Adapters adapters) {
        this(adapters, Language.installed());
    }

    public UdlCompiler(Adapters adapters, Language language) {
        this.adapters = adapters;
        this.language = language;
        this.stepKinds = language.stepKinds();
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
        for (SectionKind<?> kind : language.sectionKinds().all()) {
            Object section = doc.sections().get(kind.name());
            if (section != null) {
                guarded("section '" + kind.name() + "'", () -> compileSection(kind, section, routes, ctx));
            }
        }
        routes.addAll(ctx.extraRoutes());
        listSecretEnvNames(doc, ctx);
        return new CompiledApp(doc.name(), ctx.routeConfigurations(), routes, ctx.beans(), ctx.properties());
    }

    /** A section's routes compile exactly as the routes written under {@code routes:}. */
    private <M> void compileSection(SectionKind<M> kind, Object section, List<RouteDefinition> routes,
            DefaultCompileContext ctx) {
        kind.compile(kind.modelType().cast(section), new SectionCompilation() {
            @Override
            public CompileContext context() {
                return ctx;
            }

            @Override
            public void route(RouteDecl route) {
                routes.add(compileRoute(route, ctx));
            }

            @Override
            public void addRoute(RouteDefinition route) {
                routes.add(route);
            }

            @Override
            public void call(String owner, EndpointRef target, ProcessorDefinition<?> block) {
                RouteDecl caller = new RouteDecl(owner, null, null, List.of(), null, null, null, null, target.pos());
                new StepCompiler(ctx, caller).call(target, block);
            }
        });
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
            adapter.systemOptions().stream().filter(o -> o.key().secret())
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
        boolean callerWaits = sourceRole(sourceAdapter).has(Capability.REQUEST_REPLY);

        RouteDefinition route = new RouteDefinition();
        route.from(ctx.testMode() ? CompileOptions.testSourceUri(decl.name())
                : sourceRole(sourceAdapter).uri(SystemUse.of(source, decl.from()), ctx));
        route.routeId(decl.name());
        if (decl.description() != null) {
            route.description(decl.description());
        }
        route.routeGroup(ctx.document().name());

        deadLetterHandling(decl, route, ctx, sourceAdapter, source, callerWaits);

        sourceRole(sourceAdapter).normalize(SystemUse.of(source, decl.from()), route, ctx);
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
            sourceRole(sourceAdapter).denormalizeReply(SystemUse.of(source, decl.from()), route, ctx);
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
            sourceRole(sourceAdapter).denormalizeReply(SystemUse.of(source, decl.from()), onException, ctx);
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
        sourceRole(sourceAdapter).denormalizeReply(SystemUse.of(source, decl.from()), refused, ctx);
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
        if (ctx.testMode() || !targetRole(ctx.document().system(target.system())).has(Capability.SENDS_IDEMPOTENCY_KEY)) {
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
        targetRole(system).call(SystemUse.of(system, target), block, ctx);
    }

    /** Delivers with the call bounded by the target's own client timeout; false (nothing appended) if it has none. */
    boolean deliverWithTimeout(EndpointRef target, java.time.Duration timeout, ProcessorDefinition<?> block,
            DefaultCompileContext ctx) {
        SystemDecl system = ctx.document().system(target.system());
        if (ctx.testMode() || !targetRole(system).has(Capability.CLIENT_TIMEOUT)) {
            return false;
        }
        targetRole(system).call(SystemUse.of(system, target).withTimeout(timeout), block, ctx);
        return true;
    }

    /** The checks refuse a use in from of an adapter with no source role (NOT_A_SOURCE) before compiling. */
    private static SourceRole sourceRole(Adapter adapter) {
        return adapter.source().orElseThrow(() -> new IllegalStateException("adapter '" + adapter.name()
                + "' cannot be a source"));
    }

    /** The checks refuse a use in to of an adapter with no target role (NOT_A_TARGET) before compiling. */
    private TargetRole targetRole(SystemDecl system) {
        Adapter adapter = adapter(system);
        return adapter.target().orElseThrow(() -> new IllegalStateException("adapter '" + adapter.name()
                + "' cannot be a target (system " + system.name() + ")"));
    }

    private Adapter adapter(SystemDecl system) {
        Adapter adapter = adapters.get(system.adapter());
        if (adapter == null) {
            throw new IllegalStateException(system.pos() + ": adapter '" + system.adapter()
                    + "' is not installed (the document should have been checked before compiling)");
        }
        return adapter;
    }

    /**
     * Compiles steps into a block, each by its kind; a kind that opens a block for the steps after it (a filter: false
     * means "stop here") gets them, and the block is ended after them.
     */
    private final class StepCompiler implements StepCompilation {
        private final DefaultCompileContext ctx;
        private final RouteDecl decl;
        private final PolicyCompiler policies;

        StepCompiler(DefaultCompileContext ctx, RouteDecl decl) {
            this.ctx = ctx;
            this.decl = decl;
            this.policies = new PolicyCompiler(ctx);
        }

        @Override
        public CompileContext context() {
            return ctx;
        }

        @Override
        public RouteDecl route() {
            return decl;
        }

        @Override
        public void call(EndpointRef target, ProcessorDefinition<?> block) {
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

        /**
         * A target call whose failure is recorded (see {@link TargetFailure}) instead of failing the message: the
         * step around it decides. Inside the doTry Camel's error handler leaves the failure to the doCatch.
         */
        @Override
        public void recordedCall(EndpointRef target, ProcessorDefinition<?> block) {
            ctx.addBean("target-failure", TargetFailure.class, Map.of());
            org.apache.camel.model.TryDefinition attempt = block.doTry();
            call(target, attempt);
            attempt.doCatch(Exception.class).process("target-failure");
        }

        @Override
        public org.apache.camel.model.language.ExpressionDefinition cel(String expression) {
            return UdlCompiler.cel(expression);
        }

        @Override
        public void steps(List<Step> steps, ProcessorDefinition<?> block) {
            compile(steps, block);
        }

        void compile(List<Step> steps, ProcessorDefinition<?> block) {
            for (int i = 0; i < steps.size(); i++) {
                ProcessorDefinition<?> next = compileOne(steps.get(i), block);
                if (next != block) {
                    compile(steps.subList(i + 1, steps.size()), next);
                    next.end();
                    return;
                }
            }
        }

        private <S extends Step> ProcessorDefinition<?> compileOne(S step, ProcessorDefinition<?> block) {
            return stepKinds.of(step).compile(step, this, block);
        }
    }

    static LanguageExpression cel(String source) {
        return new LanguageExpression(CEL, source);
    }
}
