package io.unikernal.adapter.mqtt;

import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.testkit.probe.ProbeAdapter;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.udl.parse.ParseResult;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;

/**
 * The tests' UDL apps, through the testkit's {@link ProbeApps}: the installed adapters plus the probe
 * ({@value ProbeAdapter#NAME}: a source the test feeds, targets that record), run in process on Camel Main.
 */
final class MqttApps {

    private static final Adapters ADAPTERS = ProbeApps.with(Adapters.installed().all().values()
            .toArray(Adapter[]::new));

    private MqttApps() {
    }

    static ParseResult parse(String name, String udl) {
        return new UdlParser(ADAPTERS).parse(name + ".udl.yaml", udl);
    }

    static CompiledApp compile(String name, String udl, Path dir) {
        return ProbeApps.compile(name, udl, dir);
    }

    /** Starts the app; what its probes recorded in an earlier run of the same name is kept (names are unique). */
    static UdlRuntime start(String name, String udl, Path dir, Map<String, String> overrides) throws Exception {
        return UdlRuntime.start(compile(name, udl, dir), overrides);
    }

    /** Hands a body to the probe source {@code system} of {@code app}. */
    static void feed(UdlRuntime app, String name, String system, Object body) {
        try (ProducerTemplate producer = app.context().createProducerTemplate()) {
            producer.sendBody(Probes.feedUri(name, system), body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Probes.Record> recorded(String app, String system) {
        return Probes.recorded(app, system);
    }

    /** The ids of what a probe target recorded: the body's id, or for a dead-letter record its payload's. */
    static List<String> ids(String app, String system) {
        return ProbeApps.ids(app, system);
    }
}
