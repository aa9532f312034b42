package io.unikernal.runtime.health;

import io.unikernal.runtime.SecretMasker;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One system at {@code /observe/health}: {@code system:<name>}, UP, or DOWN with the cause as its message. A readiness
 * check only: a database that is down makes the app unready, but restarting the app would not bring it up. It reads
 * what the monitor last saw, so asking never waits for a server.
 */
final class SystemHealthCheck extends AbstractHealthCheck {

    private final SystemMonitor monitor;

    SystemHealthCheck(SystemMonitor monitor) {
        super("unikernal", "system:" + monitor.system());
        this.monitor = monitor;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("system", monitor.system()).detail("adapter", monitor.adapter());
        SystemMonitor.Observation now = monitor.observation();
        if (now == null) {
            builder.unknown().message("not checked yet");
            return;
        }
        if (now.result().isUp()) {
            builder.up();
            return;
        }
        builder.down().message(SecretMasker.mask(now.result().describe()))
                .detail("failure", now.result().isPermanent() ? "permanent" : "transient")
                .detail("downSince", now.since().toString()).detail("failedChecks", now.failures());
    }
}
