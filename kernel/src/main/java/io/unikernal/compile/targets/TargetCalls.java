package io.unikernal.compile.targets;

import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.compile.context.DefaultCompileContext;
import io.unikernal.compile.policy.PolicyCompiler;
import io.unikernal.runtime.idempotency.OutboundIdempotencyKey;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import java.util.Map;
import org.apache.camel.model.ProcessorDefinition;

/**
 * Calls of a target system: through its adapter, or captured under {@code unikernal test} ({@link TestCapture}); and
 * the idempotency key a call carries.
 */
public final class TargetCalls implements PolicyCompiler.Delivery {

    private final DefaultCompileContext ctx;

    public TargetCalls(DefaultCompileContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void deliver(EndpointRef target, ProcessorDefinition<?> block) {
        SystemDecl system = ctx.document().system(target.system());
        if (ctx.testMode()) {
            TestCapture.capture(system, block, ctx);
            return;
        }
        ctx.targetRoleOf(system).call(SystemUse.of(system, target), block, ctx);
    }

    /** Delivers with the call bounded by the target's own client timeout; false (nothing appended) if it has none. */
    @Override
    public boolean deliverWithTimeout(EndpointRef target, java.time.Duration timeout, ProcessorDefinition<?> block) {
        SystemDecl system = ctx.document().system(target.system());
        if (ctx.testMode() || !ctx.targetRoleOf(system).has(Capability.CLIENT_TIMEOUT)) {
            return false;
        }
        ctx.targetRoleOf(system).call(SystemUse.of(system, target).withTimeout(timeout), block, ctx);
        return true;
    }

    @Override
    public boolean clientTimesOut(EndpointRef target) {
        return !ctx.testMode() && ctx.targetRoleOf(ctx.document().system(target.system())).has(Capability.CLIENT_TIMEOUT);
    }

    /**
     * Gives the target call compiled next its idempotency key ({@link OutboundIdempotencyKey}): stable across the
     * route's retries of the message, distinct per call site. A fallback target shares its primary call's key.
     */
    public void idempotencyKey(EndpointRef target, String hint, ProcessorDefinition<?> block) {
        if (ctx.testMode() || !ctx.targetRoleOf(ctx.document().system(target.system()))
                .has(Capability.SENDS_IDEMPOTENCY_KEY)) {
            return;
        }
        String name = ctx.uniqueName("idempotency-key-" + hint);
        ctx.addBean(name, OutboundIdempotencyKey.class, Map.of("call", ctx.document().name() + "/" + name));
        block.process(name);
    }
}
