package io.unikernal.runtime.targets;

import java.util.Arrays;
import java.util.List;
import org.apache.camel.processor.loadbalancer.LoadBalancerSupport;

/**
 * A Camel custom load balancer whose outputs are a step's target calls, one per named target, in order (the adaptive
 * route step, the fan-out). The compiler sets the route and the target names as bean properties.
 */
public abstract class TargetsBalancer extends LoadBalancerSupport {

    private String route;
    private List<String> targetNames = List.of();

    public void setRoute(String route) {
        this.route = route;
    }

    /** The targets, comma-separated, in the order of the load balancer's outputs. */
    public void setTargets(String targets) {
        this.targetNames = Arrays.stream(targets.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    protected String route() {
        return route;
    }

    protected List<String> targetNames() {
        return targetNames;
    }
}
