package io.unikernal.compile;

import io.unikernal.udl.model.EndpointRef;
import io.unikernal.spi.section.SectionKind;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.plugins.Language;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.plugins.Adapters;
import io.unikernal.compile.context.DefaultCompileContext;
import io.unikernal.compile.deadletter.DeadLetterClauses;
import io.unikernal.compile.policy.PolicyCompiler;
import io.unikernal.compile.reply.ReplyBean;
import io.unikernal.compile.secrets.SecretMasking;
import io.unikernal.compile.steps.StepChain;
import io.unikernal.compile.targets.TargetCalls;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.ServedListener;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.model.UdlDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;

/**
 * Compiles a checked UDL document into one Camel model. Every node it emits refers only to named beans, Camel
 * components and the {@code cel} language, so the same model runs in process and dumps to YAML that runs under
 * plain Camel Main. This class orchestrates; each job has its own class: secret masking ({@link SecretMasking}),
 * the failure and refusal clauses ({@link DeadLetterClauses}), the reply ({@link ReplyBean}), the step chain
 * ({@link StepChain}, with its split pools), target calls and their capture under test ({@link TargetCalls}) and
 * the route's policy ({@link PolicyCompiler}).
 */
public final class UdlCompiler {

    private final Adapters adapters;
    private final Language language;

    /** A compiler of the installed language (core and plug-in step and section kinds). */
    public UdlCompiler(Adapters adapters) {
        this(adapters, Language.installed());
    }

    public UdlCompiler(Adapters adapters, Language language) {
        this.adapters = adapters;
        this.language = language;
    }

    /**
     * Compiles a document the parser accepted without errors. Throws {@link CompilerDefect} (naming the system or
     * route) if the compiler or an adapter fails anyway: that is a Unikernal bug, not a user error.
     */
    public CompiledApp compile(UdlDocument doc, Path baseDir, CompileOptions options) {
        DefaultCompileContext ctx = new DefaultCompileContext(doc, baseDir, options.testMode(), adapters);
        guarded("app '" + doc.name() + "'", () -> {
            ctx.addProperty("camel.main.name", doc.name());
            SecretMasking.maskLogs(ctx);
        });
        if (!options.testMode()) {
            // under test every source and target is replaced, so no system's resources (pools, servers) are needed
            for (SystemDecl system : doc.systems().values()) {
                guarded("system '" + system.name() + "' (" + system.pos() + ")",
                        () -> ctx.adapterOf(system).contribute(system, ctx));
            }
        }
        List<RouteDefinition> routes = new java.util.ArrayList<>();
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        for (RouteDecl route : doc.routes()) {
            guarded("route '" + route.name() + "' (" + route.pos() + ")", () -> {
                RouteDefinition compiled = compileRoute(route, ctx);
                routes.add(compiled);
                consumed(doc, route).ifPresent(channel -> entries.put(compiled.getRouteId(), channel.display()));
            });
        }
        for (SectionKind<?> kind : language.sectionKinds().all()) {
            Object section = doc.sections().get(kind.name());
            if (section != null) {
                guarded("section '" + kind.name() + "'", () -> compileSection(kind, section, routes, ctx));
            }
        }
        routes.addAll(ctx.extraRoutes());
        if (!options.testMode()) {
            guarded("the health of app '" + doc.name() + "'", () -> SystemHealthBean.declare(doc, ctx));
        }
        SecretMasking.listSecretEnvNames(doc, ctx);
        return new CompiledApp(doc.name(), ctx.routeConfigurations(), routes, ctx.beans(), ctx.properties(),
                servedListener(doc), entries);
    }

    /** The listener of the first system whose source role says the app is reached on it. */
    private ServedListener servedListener(UdlDocument doc) {
        return doc.systems().values().stream()
                .flatMap(system -> Optional.ofNullable(adapters.get(system.adapter())).flatMap(Adapter::source)
                        .flatMap(source -> source.servedListener(system)).stream())
                .findFirst().orElse(null);
    }

    private Optional<Channel> consumed(UdlDocument doc, RouteDecl route) {
        SystemDecl system = route.from() == null ? null : doc.system(route.from().system());
        return system == null ? Optional.empty() : Optional.ofNullable(adapters.get(system.adapter())).flatMap(Adapter::source)
                .flatMap(source -> source.consumes(system, route.from()));
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
            public RouteDefinition route(RouteDecl route) {
                RouteDefinition compiled = compileRoute(route, ctx);
                routes.add(compiled);
                return compiled;
            }

            @Override
            public void addRoute(RouteDefinition route) {
                routes.add(route);
            }

            @Override
            public void call(String owner, EndpointRef target, ProcessorDefinition<?> block) {
                RouteDecl caller = new RouteDecl(owner, null, null, List.of(), null, null, null, null, target.pos());
                new StepChain(ctx, caller, new TargetCalls(ctx), language.stepKinds()).call(target, block);
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

    private RouteDefinition compileRoute(RouteDecl decl, DefaultCompileContext ctx) {
        SystemDecl source = ctx.document().system(decl.from().system());
        Adapter sourceAdapter = ctx.adapterOf(source);
        SourceRole sourceRole = ctx.sourceRoleOf(source);
        SystemUse sourceUse = SystemUse.of(source, decl.from());
        TargetCalls targets = new TargetCalls(ctx);
        boolean callerWaits = sourceRole.has(Capability.REQUEST_REPLY);

        RouteDefinition route = new RouteDefinition();
        route.from(ctx.testMode() ? CompileOptions.testSourceUri(decl.name())
                : sourceRole.uri(sourceUse, ctx));
        route.routeId(decl.name());
        if (decl.description() != null) {
            route.description(decl.description());
        }
        route.routeGroup(ctx.document().name());

        new DeadLetterClauses(ctx, targets).compile(decl, route, sourceAdapter, source, callerWaits);

        sourceRole.normalize(sourceUse, route, ctx);
        new PolicyCompiler(ctx).guardIngress(decl, route, callerWaits);
        ProcessorDefinition<?> body = route;
        if (decl.policy() != null && decl.policy().idempotency() != null) {
            body = new PolicyCompiler(ctx).processOnce(decl, route);
        }
        StepChain steps = new StepChain(ctx, decl, targets, language.stepKinds());
        steps.compile(decl.steps(), body);
        steps.policies().breakerMetrics(decl, route);
        if (body != route) {
            body.end();
            steps.policies().refuseInFlightDuplicates(decl, route);
        }
        if (decl.reply() != null || callerWaits) {
            route.process(ReplyBean.declare(decl, ctx));
        }
        if (callerWaits) {
            sourceRole.denormalizeReply(sourceUse, route, ctx);
        }
        return route;
    }
}
