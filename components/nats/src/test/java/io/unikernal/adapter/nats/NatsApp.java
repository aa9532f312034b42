package io.unikernal.adapter.nats;

import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.udm.UdmHeaders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;

/**
 * A UDL app of a test ({@link ProbeApps}: the installed adapters and the testkit's probe), run in process with
 * overrides: a probe source is fed from the test, a probe target records what reaches it.
 */
final class NatsApp implements AutoCloseable {

    /** The installed adapters and the probe. */
    static final Adapters ADAPTERS = ProbeApps.with(Adapters.installed().all().values().toArray(Adapter[]::new));

    private final String name;
    private final UdlRuntime runtime;

    private NatsApp(String name, UdlRuntime runtime) {
        this.name = name;
        this.runtime = runtime;
    }

    /** Compiles and starts the app named {@code name} ({@code udl} must declare that name). */
    static NatsApp start(String name, String udl, Path workDir, Map<String, String> overrides) throws Exception {
        var compiled = ProbeApps.compile(name, udl, workDir);
        Probes.forget(name);
        return new NatsApp(name, UdlRuntime.start(compiled, overrides));
    }

    static NatsApp start(String name, String udl, Path workDir) throws Exception {
        return start(name, udl, workDir, Map.of());
    }

    String name() {
        return name;
    }

    UdlRuntime runtime() {
        return runtime;
    }

    /** Hands {@code body} to the probe source {@code system} with this correlation id. */
    void feed(String system, Object body, String correlationId) {
        try (ProducerTemplate producer = runtime.context().createProducerTemplate()) {
            producer.sendBodyAndHeader(Probes.feedUri(name, system), body, UdmHeaders.CORRELATION_ID, correlationId);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the probe target {@code system} recorded. */
    List<Probes.Record> recorded(String system) {
        return Probes.recorded(name, system);
    }

    @Override
    public void close() {
        runtime.close();
        Probes.forget(name);
    }
}
