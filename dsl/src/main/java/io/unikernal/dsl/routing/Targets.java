package io.unikernal.dsl.routing;

import io.unikernal.runtime.targets.TargetFailure;
import io.unikernal.runtime.targets.TargetsBalancer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.model.LoadBalanceDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.TryDefinition;

/**
 * The named targets of a step that chooses among or joins several calls ({@link FanOut}, {@link Adaptive}), put in a
 * route the way the UDL compiler puts them: Camel's {@code loadBalance} with the kernel's balancer, and each call in
 * a {@code doTry} whose failure is recorded ({@link TargetFailure}) for the balancer to decide on, instead of failing
 * the message.
 */
abstract class Targets<B extends Targets<B>> {

    private final Map<String, String> targets = new LinkedHashMap<>();

    /** A target called {@code name} (its name in replies, metrics and failures) at {@code uri}. */
    public B target(String name, String uri) {
        if (name == null || !name.matches("[A-Za-z0-9_.:-]+")) {
            throw new IllegalArgumentException("target name '" + name + "' must be letters, digits, '_', '.', ':'"
                    + " or '-'");
        }
        if (targets.putIfAbsent(name, uri) != null) {
            throw new IllegalArgumentException("target '" + name + "' is named twice");
        }
        return self();
    }

    Map<String, String> named() {
        return targets;
    }

    abstract B self();

    /** The kernel's balancer for step {@code route}, configured. */
    abstract TargetsBalancer balancer(String route);

    /** Appends the step to {@code block} (the step of route {@code route}); returns {@code block} to go on with. */
    public <T extends ProcessorDefinition<?>> T appendTo(T block, String route) {
        TargetsBalancer balancer = balancer(route);
        balancer.setRoute(route);
        balancer.setTargets(String.join(",", targets.keySet()));
        LoadBalanceDefinition balance = block.loadBalance(balancer);
        TargetFailure failure = new TargetFailure();
        for (String uri : targets.values()) {
            TryDefinition attempt = balance.doTry();
            attempt.to(uri);
            attempt.doCatch(Exception.class).process(failure);
            attempt.end();
        }
        balance.end();
        return block;
    }
}
