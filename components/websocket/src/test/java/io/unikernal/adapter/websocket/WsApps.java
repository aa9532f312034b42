package io.unikernal.adapter.websocket;

import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.testkit.probe.ProbeApps;

/** The installed adapters and the testkit's probe, for {@code TwoWayRun}. */
final class WsApps {

    private WsApps() {
    }

    static Adapters adapters() {
        return ProbeApps.with(Adapters.installed().all().values().toArray(Adapter[]::new));
    }
}
