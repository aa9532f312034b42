package io.unikernal.dsl.routing;

import io.unikernal.runtime.adaptive.AdaptiveLoadBalancer;
import io.unikernal.runtime.targets.TargetsBalancer;
import io.unikernal.udl.spec.UdlSpec;
import java.time.Duration;

/**
 * A UDL {@code route: {adaptive: ...}} in a hand-written route: each message goes to the target with the best
 * measured latency and error rate, a few to the others to keep measuring, none to a target that is down until it is
 * probed again; a failed call fails over to the next best target. The kernel's {@link AdaptiveLoadBalancer} does the
 * work; the defaults are the UDL keys' ({@link UdlSpec}).
 */
public final class Adaptive extends Targets<Adaptive> {

    private int explore = UdlSpec.ADAPTIVE_EXPLORE.defaultValue();
    private int downAfter = UdlSpec.ADAPTIVE_DOWN_AFTER.defaultValue();
    private Duration probeAfter = UdlSpec.ADAPTIVE_PROBE_AFTER.defaultValue();
    private int smoothing = UdlSpec.ADAPTIVE_SMOOTHING.defaultValue();

    private Adaptive() {
    }

    public static Adaptive route() {
        return new Adaptive();
    }

    /** Percent of messages sent to a target other than the best, to keep measuring it (0..20). */
    public Adaptive explore(int percent) {
        if (percent < 0 || percent > 20) {
            throw new IllegalArgumentException("explore " + percent + " must be 0..20");
        }
        this.explore = percent;
        return this;
    }

    /** Failures in a row after which a target is down, and how long until it is probed again. */
    public Adaptive down(int afterFailures, Duration probeAgainAfter) {
        if (afterFailures < 1 || probeAgainAfter == null || probeAgainAfter.isNegative()) {
            throw new IllegalArgumentException("down after " + afterFailures + " failures, probe after "
                    + probeAgainAfter + ": at least 1 failure, a duration not negative");
        }
        this.downAfter = afterFailures;
        this.probeAfter = probeAgainAfter;
        return this;
    }

    @Override
    Adaptive self() {
        return this;
    }

    @Override
    TargetsBalancer balancer(String route) {
        if (named().size() < 2) {
            throw new IllegalStateException("adaptive routing of route " + route + " needs at least 2 targets");
        }
        AdaptiveLoadBalancer balancer = new AdaptiveLoadBalancer();
        balancer.setSmoothing(smoothing);
        balancer.setExplore(explore);
        balancer.setDownAfter(downAfter);
        balancer.setProbeAfterMillis(probeAfter.toMillis());
        return balancer;
    }
}
