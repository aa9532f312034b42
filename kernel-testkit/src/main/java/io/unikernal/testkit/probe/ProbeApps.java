package io.unikernal.testkit.probe;

import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.util.List;
import java.util.stream.Stream;

/** UDL apps of an adapter's own tests: the adapter under test plus the probe, whose source feeds it. */
public final class ProbeApps {

    private ProbeApps() {
    }

    /** {@code adapters} and the probe. */
    public static Adapters with(Adapter... adapters) {
        return Adapters.of(Stream.concat(Stream.of(adapters), Stream.of(new ProbeAdapter())).toArray(Adapter[]::new));
    }

    /**
     * The problems of a file {@code app.udl} with the system {@code feed} (the probe) and {@code systems} (YAML lines
     * under {@code systems:}), and one route from {@code feed} whose single step is {@code step}; each as its
     * headline ({@code app.udl:line:col: message [CODE]}).
     */
    public static List<String> problems(Adapter adapter, String systems, String step) {
        String udl = "udl: 8\nname: app\nsystems:\n  feed: {adapter: " + ProbeAdapter.NAME + "}\n" + systems
                + "routes:\n  - name: r\n    from: feed\n    steps:\n      - " + step + "\n";
        return new UdlParser(with(adapter)).parse("app.udl", udl).problems().stream().map(UdlError::headline)
                .toList();
    }
}
