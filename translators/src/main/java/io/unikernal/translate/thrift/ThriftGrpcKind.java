package io.unikernal.translate.thrift;

import io.unikernal.adapter.grpc.GrpcAdapter;
import io.unikernal.adapter.grpc.component.ProtoContract;
import io.unikernal.adapter.thrift.ThriftAdapter;
import io.unikernal.adapter.thrift.component.ThriftContract;
import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.spi.adapter.UdlPaths;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.translate.spi.Translation;
import io.unikernal.translate.spi.TranslationKind;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.SystemDecl;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;

/**
 * Thrift and gRPC, one way or the other, from the {@code .thrift} IDL and the {@code .proto} both systems name: every
 * method of the exposed contract is served by a route of its own ({@code translation-<name>-<method>}) on the exposed
 * system — the exposing adapter's own endpoint, the request mapped ({@link MethodPair}), the called adapter's own
 * call, the reply mapped back; a failure answered in the exposed protocol's terms. Every method must map, or the file
 * is refused at check time with the reasons.
 */
abstract class ThriftGrpcKind implements TranslationKind {

    static final ProblemCode WRONG_SOURCE = new PluginProblemCode("TRANSLATE", 7,
            "a Thrift or gRPC translation is exposed on a system of another adapter than its protocol's");
    static final ProblemCode CANNOT_MAP = new PluginProblemCode("TRANSLATE", 8,
            "a method of the exposed contract has no counterpart in the called one, or its messages cannot map");

    private static final String METHOD = "method";

    private final String protocol;
    private final String targetAdapter;
    private final String description;
    private final Class<? extends PairedStep> request;
    private final Class<? extends PairedStep> reply;
    private final Class<? extends PairedStep> error;

    ThriftGrpcKind(String protocol, String targetAdapter, String description, Class<? extends PairedStep> request,
            Class<? extends PairedStep> reply, Class<? extends PairedStep> error) {
        this.protocol = protocol;
        this.targetAdapter = targetAdapter;
        this.description = description;
        this.request = request;
        this.reply = reply;
        this.error = error;
    }

    @Override
    public final String protocol() {
        return protocol;
    }

    @Override
    public final String targetAdapter() {
        return targetAdapter;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<ProblemCode> problemCodes() {
        return List.of(WRONG_SOURCE, CANNOT_MAP);
    }

    /** The pairs of the two systems' contracts as read now; null when a file cannot be read (its adapter says why). */
    abstract MethodPairs pairs(SystemDecl expose, SystemDecl target);

    /** The method name a use of the exposed system writes for a pair. */
    abstract String exposedMethod(MethodPair pair);

    /** The method name a use of the called system writes for a pair. */
    abstract String calledMethod(MethodPair pair);

    /** Every method of the exposed contract, as its uses write them. */
    abstract List<String> exposedMethods(SystemDecl expose);

    @Override
    public List<EndpointRef> exposedUses(Translation translation, SystemDecl expose, SystemDecl target) {
        if (!expose.adapter().equals(protocol()) || !readable(expose)) {
            return List.of();
        }
        try {
            return exposedMethods(expose).stream().map(m -> use(expose, m, translation.expose().pos())).toList();
        } catch (RuntimeException e) {
            return List.of(); // the exposing adapter reports the file
        }
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        if (!expose.adapter().equals(protocol())) {
            checks.problems().error(WRONG_SOURCE, translation.expose().pos(), "system " + expose.name()
                    + " (adapter " + expose.adapter() + ") cannot expose " + protocol() + ": its methods come from"
                    + " the " + protocol() + " adapter's contract", "expose the translation on a system of adapter "
                    + protocol());
            return;
        }
        if (!readable(expose) || !readable(target)) {
            return;
        }
        MethodPairs pairs;
        try {
            pairs = pairs(expose, target);
        } catch (RuntimeException e) {
            return; // a contract that cannot be read: its adapter's own check reports it at the file option
        }
        for (String problem : pairs.problems()) {
            checks.problems().error(CANNOT_MAP, translation.target().pos(), "translation " + translation.name()
                    + ": " + problem, "change the contracts so that this maps (see docs/translators.md, Thrift"
                            + " <-> gRPC), or leave the method out of the exposed contract");
        }
        // the called adapter's checks of a use (an address to call) once: every pair's method exists by pairing
        pairs.pairs().stream().findFirst().ifPresent(pair -> checks.useAsTarget(use(target, calledMethod(pair),
                translation.target().pos())));
    }

    /** A file option of a literal path that the checks can read here. */
    private static boolean readable(SystemDecl system) {
        OptionValue file = system.option(system.adapter().equals("thrift") ? "idl" : "proto");
        return file != null && UdlPaths.checkable(file);
    }

    private static EndpointRef use(SystemDecl system, String method, SourcePos pos) {
        return new EndpointRef(system.name(), Map.of(METHOD, new OptionValue(method, pos)), pos);
    }

    @Override
    public void compile(Translation translation, SystemDecl expose, SystemDecl target, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        SourceRole source = Adapters.installed().get(expose.adapter()).source().orElseThrow();
        TargetRole called = Adapters.installed().get(target.adapter()).target().orElseThrow();
        ctx.addBean(TranslationMetrics.START_BEAN, TranslationMetrics.class, Map.of());
        for (MethodPair pair : pairs(expose, target).pairs()) {
            String id = "translation-" + translation.name() + "-" + pair.thrift().name();
            Map<String, String> props = Map.of("idl", ThriftAdapter.idlPath(thriftSystem(expose, target), ctx),
                    "thriftMethod", pair.thrift().fullName(), "proto", GrpcAdapter.protoPath(
                            grpcSystem(expose, target), ctx), "protoMethod", pair.proto().fullName());
            SystemUse served = SystemUse.of(expose, use(expose, exposedMethod(pair), translation.expose().pos()));
            RouteDefinition route = new RouteDefinition();
            route.routeId(id);
            route.from(source.uri(served, ctx));
            source.normalize(served, route, ctx);
            // the source's normalizer runs inside the try, so what it refuses is answered in the protocol's terms
            List<ProcessorDefinition<?>> normalizers = List.copyOf(route.getOutputs());
            route.getOutputs().clear();
            route.process(TranslationMetrics.START_BEAN);
            TryDefinition attempt = route.doTry();
            normalizers.forEach(attempt::addOutput);
            attempt.process(bean(ctx, id + "-request", request, props));
            SystemUse call = SystemUse.of(target, use(target, calledMethod(pair), translation.target().pos()));
            called.call(translation.timeout() == null ? call : call.withTimeout(translation.timeout()), attempt, ctx);
            attempt.process(bean(ctx, id + "-reply", reply, props));
            attempt.doCatch(Exception.class).process(bean(ctx, id + "-error", error, props));
            attempt.end();
            compilation.addRoute(route);
        }
    }

    private static String bean(CompileContext ctx, String hint, Class<?> type, Map<String, String> props) {
        String name = ctx.uniqueName(hint);
        ctx.addBean(name, type, props);
        return name;
    }

    private static SystemDecl thriftSystem(SystemDecl expose, SystemDecl target) {
        return expose.adapter().equals("thrift") ? expose : target;
    }

    private static SystemDecl grpcSystem(SystemDecl expose, SystemDecl target) {
        return expose.adapter().equals("grpc") ? expose : target;
    }

    static ThriftContract thriftContract(SystemDecl system) {
        return ThriftAdapter.contract(system);
    }

    static ProtoContract protoContract(SystemDecl system) {
        return GrpcAdapter.contract(system);
    }
}
