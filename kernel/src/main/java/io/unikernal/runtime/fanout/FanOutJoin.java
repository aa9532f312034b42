package io.unikernal.runtime.fanout;

import io.unikernal.runtime.targets.TargetFailure;
import io.unikernal.runtime.targets.TargetsBalancer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExchangeHelper;

/**
 * The fan-out step as a Camel custom load balancer that sends to all of its outputs: each target call (a guarded call
 * in a {@code doTry} that records its failure with {@link TargetFailure}) runs on its own thread with a copy of the
 * message, and the message goes on as soon as the join policy is decided — the needed successes are in (all, first,
 * quorum), or too many targets failed for it to be met, or the timeout passed. Camel's multicast cannot finish early
 * (it always waits for every branch or its timeout), which is why this is not a multicast. The body becomes
 * {@code {replies: {target: reply}, failed: {target: reason}}}; calls still running then finish in the background
 * and their results are dropped. When the join is not met the message fails with every reason.
 */
public final class FanOutJoin extends TargetsBalancer implements CamelContextAware {

    private CamelContext camelContext;
    private String join = "all";
    private int needed;
    private long timeoutMillis;
    private ExecutorService calls;
    private ScheduledExecutorService timer;

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void setJoin(String join) {
        this.join = join;
    }

    /** Successes the join needs. */
    public void setNeeded(int needed) {
        this.needed = needed;
    }

    /** How long to wait for replies; 0 waits for all. */
    public void setTimeoutMillis(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (needed < 1 || needed > targetNames().size()) {
            throw new IllegalStateException("fanOut of route " + route() + " needs " + needed + " of "
                    + targetNames().size() + " targets");
        }
        calls = camelContext.getExecutorServiceManager().newCachedThreadPool(this, "fanOut-" + route());
        if (timeoutMillis > 0) {
            timer = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                    "fanOut-timeout-" + route());
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (calls != null) {
            camelContext.getExecutorServiceManager().shutdown(calls);
        }
        if (timer != null) {
            camelContext.getExecutorServiceManager().shutdown(timer);
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        AsyncProcessor[] processors = doGetProcessors();
        Join state = new Join(exchange, callback);
        for (int i = 0; i < processors.length; i++) {
            String target = targetNames().get(i);
            Exchange copy = ExchangeHelper.createCopy(exchange, true);
            AsyncProcessor processor = processors[i];
            try {
                calls.execute(() -> processor.process(copy, doneSync -> state.replied(target, copy)));
            } catch (RejectedExecutionException e) {
                state.failed(target, "not sent: the app is stopping");
            }
        }
        if (timer != null) {
            state.timeout = timer.schedule(state::timedOut, timeoutMillis, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    /** The replies of one message so far, and whether the join is decided. */
    private final class Join {
        private final Exchange exchange;
        private final AsyncCallback callback;
        private final Map<String, Object> replies = new LinkedHashMap<>();
        private final Map<String, String> failed = new LinkedHashMap<>();
        private boolean decided;
        volatile ScheduledFuture<?> timeout;

        Join(Exchange exchange, AsyncCallback callback) {
            this.exchange = exchange;
            this.callback = callback;
        }

        void replied(String target, Exchange copy) {
            Exception failure = TargetFailure.of(copy);
            if (failure != null) {
                failed(target, TargetFailure.reason(failure));
            } else {
                synchronized (this) {
                    replies.put(target, copy.getMessage().getBody());
                }
                decideIfDue(false);
            }
        }

        void failed(String target, String reason) {
            synchronized (this) {
                failed.put(target, reason);
            }
            decideIfDue(false);
        }

        void timedOut() {
            decideIfDue(true);
        }

        private void decideIfDue(boolean timeUp) {
            Map<String, Object> body;
            boolean met;
            synchronized (this) {
                if (decided) {
                    return;
                }
                int total = targetNames().size();
                met = replies.size() >= needed;
                boolean hopeless = failed.size() > total - needed;
                if (!met && !hopeless && !timeUp) {
                    return;
                }
                if (timeUp) {
                    for (String target : targetNames()) {
                        if (!replies.containsKey(target) && !failed.containsKey(target)) {
                            failed.put(target, "no reply within " + timeoutMillis + " ms");
                        }
                    }
                }
                decided = true;
                body = new LinkedHashMap<>();
                body.put("replies", new LinkedHashMap<>(replies));
                body.put("failed", new LinkedHashMap<>(failed));
            }
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
            if (met) {
                exchange.getMessage().setBody(body);
            } else {
                exchange.setException(new JoinNotMetException(route(), join, needed, body));
            }
            callback.done(false);
        }
    }

    /** The join policy was not met: too few targets succeeded in time. Names each target's reason. */
    public static final class JoinNotMetException extends Exception {
        JoinNotMetException(String route, String join, int needed, Map<String, Object> outcome) {
            super("fanOut of route " + route + " (join " + join + ", " + needed + " needed) not met: "
                    + ((Map<?, ?>) outcome.get("replies")).size() + " succeeded; failed: " + outcome.get("failed"));
        }
    }
}
