package io.unikernal.steps;

import io.unikernal.spi.step.StepChecks;
import io.unikernal.spi.step.StepCompilation;
import io.unikernal.spi.step.StepInput;
import io.unikernal.spi.step.StepKind;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.spec.Shape.Endpoint;
import io.unikernal.udl.spec.Shape.Role;
import io.unikernal.udl.spec.UdlKey;
import java.util.List;
import org.apache.camel.model.MulticastDefinition;
import org.apache.camel.model.ProcessorDefinition;

/** {@code to: db} or {@code to: [db, events]}: one target in line, or several in parallel. */
public final class ToStep implements StepKind<Step.To> {

    private static final UdlKey KEY = UdlKey.of("to", new Endpoint(Role.TARGET, true), "Sends the message to a "
            + "system; a list sends to all of them in parallel (fan-out).", "[db, events]");

    @Override
    public UdlKey key() {
        return KEY;
    }

    @Override
    public Class<Step.To> modelType() {
        return Step.To.class;
    }

    @Override
    public Step.To bind(StepInput input) {
        List<EndpointRef> targets = input.endpoints();
        return targets.isEmpty() ? null : new Step.To(List.copyOf(targets), input.itemPos());
    }

    @Override
    public List<EndpointRef> targets(Step.To step) {
        return step.targets();
    }

    @Override
    public void check(Step.To step, StepChecks checks) {
        step.targets().forEach(checks::useAsTarget);
    }

    /** Several targets in parallel; after them the body is the one before the fan-out. */
    @Override
    public ProcessorDefinition<?> compile(Step.To to, StepCompilation compilation, ProcessorDefinition<?> block) {
        if (!to.parallel()) {
            compilation.call(to.targets().get(0), block);
            return block;
        }
        MulticastDefinition fanOut = block.multicast().parallelProcessing().stopOnException()
                .aggregationStrategy("#class:org.apache.camel.processor.aggregate.UseOriginalAggregationStrategy");
        for (EndpointRef target : to.targets()) {
            ProcessorDefinition<?> branch = fanOut.pipeline();
            compilation.call(target, branch);
            branch.end();
        }
        fanOut.end();
        return block;
    }
}
