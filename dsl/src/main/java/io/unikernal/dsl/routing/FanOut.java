package io.unikernal.dsl.routing;

import io.unikernal.runtime.fanout.FanOutJoin;
import io.unikernal.runtime.targets.TargetsBalancer;
import java.time.Duration;

/**
 * A UDL {@code fanOut:} in a hand-written route: the message goes to every target in parallel and goes on as soon
 * as the join is decided — {@link #all()} must succeed, the {@link #first()} success is enough, or a
 * {@link #quorum(int)}. The body becomes {@code {replies: {target: reply}, failed: {target: reason}}}; a join that is
 * not met fails the message with every target's reason ({@link FanOutJoin.JoinNotMetException}). The kernel's
 * {@link FanOutJoin} does the work.
 */
public final class FanOut extends Targets<FanOut> {

    private final String join;
    private final int quorum;
    private Duration timeout = Duration.ZERO;

    private FanOut(String join, int quorum) {
        this.join = join;
        this.quorum = quorum;
    }

    public static FanOut all() {
        return new FanOut("all", 0);
    }

    public static FanOut first() {
        return new FanOut("first", 1);
    }

    public static FanOut quorum(int successes) {
        if (successes < 1) {
            throw new IllegalArgumentException("quorum " + successes + " must be at least 1");
        }
        return new FanOut("quorum", successes);
    }

    /** How long to wait for the join; zero (the default) waits for every call. */
    public FanOut timeout(Duration wait) {
        if (wait == null || wait.isNegative()) {
            throw new IllegalArgumentException("timeout " + wait + " must not be negative");
        }
        this.timeout = wait;
        return this;
    }

    @Override
    FanOut self() {
        return this;
    }

    @Override
    TargetsBalancer balancer(String route) {
        int needed = "all".equals(join) ? named().size() : quorum;
        if (named().size() < 2 || needed > named().size()) {
            throw new IllegalStateException("fanOut of route " + route + " needs " + needed + " successes of "
                    + named().size() + " targets: give it at least 2 targets and no more than that many successes");
        }
        FanOutJoin balancer = new FanOutJoin();
        balancer.setJoin(join);
        balancer.setNeeded(needed);
        balancer.setTimeoutMillis(timeout.toMillis());
        return balancer;
    }
}
