package io.unikernal.adapter.soap;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.udm.UdmHeaders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;

/** A UDL app of a test, run in process with the installed adapters and the testkit's probe. */
final class SoapApp implements AutoCloseable {

    private final String name;
    private final UdlRuntime runtime;

    private SoapApp(String name, UdlRuntime runtime) {
        this.name = name;
        this.runtime = runtime;
    }

    static SoapApp start(String name, String udl, Path workDir) throws Exception {
        Probes.forget(name);
        return new SoapApp(name, UdlRuntime.start(ProbeApps.compile(name, udl, workDir), Map.of()));
    }

    void feed(String system, Object body, String correlationId) throws Exception {
        try (ProducerTemplate producer = runtime.context().createProducerTemplate()) {
            producer.sendBodyAndHeader(Probes.feedUri(name, system), body, UdmHeaders.CORRELATION_ID, correlationId);
        }
    }

    List<Probes.Record> recorded(String system) {
        return Probes.recorded(name, system);
    }

    @Override
    public void close() {
        runtime.close();
        Probes.forget(name);
    }
}
