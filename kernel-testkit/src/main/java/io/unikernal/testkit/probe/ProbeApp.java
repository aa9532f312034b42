package io.unikernal.testkit.probe;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udm.UdmHeaders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;

/**
 * A UDL app of an adapter's own test, run in process with the installed adapters and the probe: feed its probe
 * sources, read what its probe systems recorded.
 */
public final class ProbeApp implements AutoCloseable {

    private final String name;
    private final UdlRuntime runtime;

    private ProbeApp(String name, UdlRuntime runtime) {
        this.name = name;
        this.runtime = runtime;
    }

    public static ProbeApp start(String name, String udl, Path workDir) throws Exception {
        Probes.forget(name);
        return new ProbeApp(name, UdlRuntime.start(ProbeApps.compile(name, udl, workDir), Map.of()));
    }

    /** Hands {@code body} to the probe source {@code system} with this correlation id. */
    public void feed(String system, Object body, String correlationId) throws Exception {
        try (ProducerTemplate producer = runtime.context().createProducerTemplate()) {
            producer.sendBodyAndHeader(Probes.feedUri(name, system), body, UdmHeaders.CORRELATION_ID, correlationId);
        }
    }

    public List<Probes.Record> recorded(String system) {
        return Probes.recorded(name, system);
    }

    /** The reasons of the dead-letter records the probe {@code system} got. */
    public List<String> reasons(String system) {
        return recorded(system).stream().map(r -> String.valueOf(((Map<?, ?>) r.body()).get("reason"))).toList();
    }

    @Override
    public void close() {
        runtime.close();
        Probes.forget(name);
    }
}
