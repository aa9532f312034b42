package io.unikernal.testkit.probe;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
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
     * Compiles the app {@code name} ({@code udl}) with the installed adapters and the probe, as {@code unikernal run}
     * would; a UDL problem fails with its message.
     */
    public static CompiledApp compile(String name, String udl, Path workDir) {
        Adapters adapters = with(Adapters.installed().all().values().toArray(Adapter[]::new));
        return new UdlCompiler(adapters).compile(new UdlParser(adapters).parse(name + ".udl.yaml", udl).orThrow(),
                workDir, CompileOptions.DEFAULT);
    }

    /**
     * The ids ({@code id} fields) of the bodies a probe system of the app recorded; for a dead-letter record, of the
     * payload it keeps.
     */
    public static List<String> ids(String app, String system) {
        List<String> ids = new java.util.ArrayList<>();
        for (Probes.Record record : Probes.recorded(app, system)) {
            Object body = record.body();
            if (body instanceof java.util.Map<?, ?> map && map.get("payload") instanceof String payload) {
                body = io.unikernal.runtime.StrictJson.read(payload, Object.class);
            }
            if (body instanceof java.util.Map<?, ?> map && map.get("id") != null) {
                ids.add(String.valueOf(map.get("id")));
            }
        }
        return ids;
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
