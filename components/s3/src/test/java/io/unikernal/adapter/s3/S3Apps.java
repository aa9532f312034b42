package io.unikernal.adapter.s3;

import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The module's own tests' UDL apps: compiled with the installed adapters plus the contract suite's probe
 * ({@code contract-probe}: an in-process feed and a recorder) and run in process.
 */
final class S3Apps {

    private S3Apps() {
    }

    /** An app name unique to this run. */
    static String appName(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static CompiledApp compile(String name, String udl, Path workDir) {
        return ProbeApps.compile(name, udl, workDir);
    }

    static UdlRuntime start(String name, String udl, Path workDir) throws Exception {
        return UdlRuntime.start(compile(name, udl, workDir), Map.of());
    }

    /** What a probe system of the app recorded: the bodies. */
    static List<Object> bodies(String app, String system) {
        return Probes.recorded(app, system).stream().map(Probes.Record::body).toList();
    }

    /** The ids of the bodies a probe system of the app recorded (for a dead-letter record: of its payload). */
    static List<String> ids(String app, String system) {
        return ProbeApps.ids(app, system);
    }
}
