package io.unikernal.steps;

import io.unikernal.runtime.fanout.FanOutJoin;
import io.unikernal.spi.step.StepChecks;
import io.unikernal.spi.step.StepCompilation;
import io.unikernal.spi.step.StepInput;
import io.unikernal.spi.step.StepKind;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.UdlSpec;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.LoadBalanceDefinition;
import org.apache.camel.model.ProcessorDefinition;

/** {@code fanOut: {to, join, quorum, timeout}}: parallel calls joined by a policy. */
public final class FanOutStep implements StepKind<Step.FanOut> {

    private static final UdlKey KEY = UdlKey.of("fanOut", UdlSpec.FAN_OUT, UdlSpec.FAN_OUT.description(),
            "{to: [a, b, c], join: quorum, quorum: 2}");

    @Override
    public UdlKey key() {
        return KEY;
    }

    @Override
    public Class<Step.FanOut> modelType() {
        return Step.FanOut.class;
    }

    @Override
    public Step.FanOut bind(StepInput input) {
        if (!input.isMap()) {
            return null;
        }
        List<EndpointRef> targets = input.get("to").map(StepInput::endpoints).orElse(List.of());
        return targets.isEmpty() ? null : new Step.FanOut(List.copyOf(targets), input.read(UdlSpec.FAN_OUT_JOIN),
                input.read(UdlSpec.FAN_OUT_QUORUM), input.read(UdlSpec.FAN_OUT_TIMEOUT), input.itemPos());
    }

    @Override
    public List<EndpointRef> targets(Step.FanOut step) {
        return step.targets();
    }

    @Override
    public void check(Step.FanOut fan, StepChecks checks) {
        fan.targets().forEach(checks::useAsTarget);
        if (fan.targets().size() < 2) {
            checks.problems().add(UdlMessages.tooFewTargets(fan.pos(), "a fanOut", 2, fan.targets().size()));
        } else if (fan.needed() > fan.targets().size()) {
            checks.problems().add(UdlMessages.tooFewTargets(fan.pos(), "a quorum of " + fan.needed(), fan.needed(),
                    fan.targets().size()));
        }
    }

    @Override
    public ProcessorDefinition<?> compile(Step.FanOut fan, StepCompilation compilation, ProcessorDefinition<?> block) {
        String name = compilation.context().uniqueName("fan-out-" + compilation.route().name());
        compilation.context().addBean(name, FanOutJoin.class, Map.of(
                "route", compilation.route().name(),
                "join", fan.join(),
                "needed", String.valueOf(fan.needed()),
                "timeoutMillis", String.valueOf(fan.timeout() == null ? 0 : fan.timeout().toMillis()),
                "targets", String.join(",", fan.targets().stream().map(EndpointRef::system).toList())));
        LoadBalanceDefinition all = block.loadBalance().custom(name);
        for (EndpointRef target : fan.targets()) {
            compilation.recordedCall(target, all);
        }
        all.end();
        return block;
    }
}
