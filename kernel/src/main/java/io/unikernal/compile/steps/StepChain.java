package io.unikernal.compile.steps;

import io.unikernal.compile.context.DefaultCompileContext;
import io.unikernal.compile.policy.PolicyCompiler;
import io.unikernal.compile.targets.TargetCalls;
import io.unikernal.expr.CelLanguage;
import io.unikernal.plugins.StepKinds;
import io.unikernal.runtime.targets.TargetFailure;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.step.StepCompilation;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.Step;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.model.language.LanguageExpression;

/**
 * The step chain of a route: compiles steps into a block, each by its kind ({@link StepKinds}); a kind that opens a
 * block for the steps after it (a filter: false means "stop here") gets them, and the block is ended after them.
 * Every node refers to named beans, Camel components or the {@code cel} language only.
 */
public final class StepChain implements StepCompilation {

    private final DefaultCompileContext ctx;
    private final RouteDecl decl;
    private final PolicyCompiler policies;
    private final TargetCalls targets;
    private final StepKinds kinds;

    public StepChain(DefaultCompileContext ctx, RouteDecl decl, TargetCalls targets, StepKinds kinds) {
        this.ctx = ctx;
        this.decl = decl;
        this.policies = new PolicyCompiler(ctx);
        this.targets = targets;
        this.kinds = kinds;
    }

    /** The policy compiler of this chain's target calls: it knows their circuit breakers. */
    public PolicyCompiler policies() {
        return policies;
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
        targets.idempotencyKey(target, decl.name() + "-call-" + target.system(), block);
        policies.guardedCall(decl, target, block, targets);
    }

    /**
     * A target call whose failure is recorded (see {@link TargetFailure}) instead of failing the message: the step
     * around it decides. Inside the doTry Camel's error handler leaves the failure to the doCatch.
     */
    @Override
    public void recordedCall(EndpointRef target, ProcessorDefinition<?> block) {
        ctx.addBean("target-failure", TargetFailure.class, Map.of());
        TryDefinition attempt = block.doTry();
        call(target, attempt);
        attempt.doCatch(Exception.class).process("target-failure");
    }

    @Override
    public ExpressionDefinition cel(String expression) {
        return new LanguageExpression(CelLanguage.NAME, expression);
    }

    @Override
    public void steps(List<Step> steps, ProcessorDefinition<?> block) {
        compile(steps, block);
    }

    /** Compiles the steps, in order, into the block. */
    public void compile(List<Step> steps, ProcessorDefinition<?> block) {
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
        return kinds.of(step).compile(step, this, block);
    }
}
