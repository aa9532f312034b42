package io.unikernal.compile.steps;

import io.unikernal.compile.context.DefaultCompileContext;
import io.unikernal.compile.policy.PolicyCompiler;
import io.unikernal.compile.targets.TargetCalls;
import io.unikernal.expr.CelLanguage;
import io.unikernal.runtime.TransformProcessor;
import io.unikernal.runtime.ValidateProcessor;
import io.unikernal.runtime.adaptive.AdaptiveLoadBalancer;
import io.unikernal.runtime.fanout.FanOutJoin;
import io.unikernal.runtime.targets.TargetFailure;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.Step;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.MulticastDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.language.LanguageExpression;

/**
 * The step chain of a route: compiles steps into a block; a filter nests the steps after it, because false means
 * "stop here". Every node refers to named beans, Camel components or the {@code cel} language only.
 */
public final class StepChain {

    private final DefaultCompileContext ctx;
    private final RouteDecl decl;
    private final PolicyCompiler policies;
    private final TargetCalls targets;

    public StepChain(DefaultCompileContext ctx, RouteDecl decl, TargetCalls targets) {
        this.ctx = ctx;
        this.decl = decl;
        this.policies = new PolicyCompiler(ctx);
        this.targets = targets;
    }

    /** The policy compiler of this chain's target calls: it knows their circuit breakers. */
    public PolicyCompiler policies() {
        return policies;
    }

    private void call(EndpointRef target, ProcessorDefinition<?> block) {
        targets.idempotencyKey(target, decl.name() + "-call-" + target.system(), block);
        policies.guardedCall(decl, target, block, targets);
    }

    /** Compiles the steps, in order, into the block. */
    public void compile(List<Step> steps, ProcessorDefinition<?> block) {
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
                    Map.of("spec", StepSpecs.schemaJson(ctx.document().schemas().get(v.schema()))));
            block.process(name);
        } else if (step instanceof Step.Transform t) {
            String name = ctx.uniqueName("transform");
            ctx.addBean(name, TransformProcessor.class, Map.of("spec", StepSpecs.transformJson(t)));
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
                SplitPools.bound(s, split, decl, ctx);
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

    static LanguageExpression cel(String source) {
        return new LanguageExpression(CelLanguage.NAME, source);
    }
}
