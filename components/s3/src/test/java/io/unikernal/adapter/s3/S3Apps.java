package io.unikernal.adapter.s3;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The module's own tests' UDL apps: compiled with the installed adapters plus the contract suite's probe
 * ({@code contract-probe}: an in-process feed and a recorder) and run in process.
 */
final class S3Apps {

    static final Adapters ADAPTERS = ProbeApps.with(Adapters.installed().all().values().toArray(Adapter[]::new));

    private S3Apps() {
    }

    /** An app name unique to this run. */
    static String appName(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static CompiledApp compile(String name, String udl, Path workDir) {
        return new UdlCompiler(ADAPTERS).compile(new UdlParser(ADAPTERS).parse(name + ".udl.yaml", udl).orThrow(),
                workDir, CompileOptions.DEFAULT);
    }

    static UdlRuntime start(String name, String udl, Path workDir) throws Exception {
        return UdlRuntime.start(compile(name, udl, workDir), Map.of());
    }

    /** What a probe system of the app recorded: the bodies. */
    static List<Object> bodies(String app, String system) {
        List<Object> bodies = new ArrayList<>();
        for (Probes.Record record : Probes.recorded(app, system)) {
            bodies.add(record.body());
        }
        return bodies;
    }

    /** The ids of the bodies a probe system of the app recorded (for a dead-letter record: of its payload). */
    static List<String> ids(String app, String system) {
        List<String> ids = new ArrayList<>();
        for (Object body : bodies(app, system)) {
            if (body instanceof Map<?, ?> map && map.get("payload") instanceof String payload) {
                body = StrictJson.read(payload, Object.class);
            }
            if (body instanceof Map<?, ?> map && map.get("id") != null) {
                ids.add(String.valueOf(map.get("id")));
            }
        }
        return ids;
    }
}
