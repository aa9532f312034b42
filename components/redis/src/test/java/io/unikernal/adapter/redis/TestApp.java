package io.unikernal.adapter.redis;

import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.udm.UdmHeaders;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * A UDL app of this module's own tests, run in process: the installed adapters plus the testkit's probe, whose
 * source {@code feed} the test feeds and whose targets record what reaches them.
 */
final class TestApp implements AutoCloseable {

    private final String name;
    private final UdlRuntime runtime;
    private final ProducerTemplate producer;

    private TestApp(String name, UdlRuntime runtime) {
        this.name = name;
        this.runtime = runtime;
        this.producer = runtime.context().createProducerTemplate();
    }

    /** A name unique to the run, for an app, a stream, a key prefix. */
    static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Compiles and starts the app whose UDL follows {@code udl: 8} and {@code name:} (systems, routes...). */
    static TestApp start(String name, String body, Path workDir) throws Exception {
        return start(name, body, workDir, Map.of());
    }

    /** The same, with application properties (e.g. the metrics of {@code Observability.properties}). */
    static TestApp start(String name, String body, Path workDir, Map<String, String> properties) throws Exception {
        CompiledApp app = ProbeApps.compile(name, "udl: 8\nname: " + name + "\n" + body, workDir);
        Probes.forget(name);
        return new TestApp(name, UdlRuntime.start(app, properties));
    }

    CamelContext context() {
        return runtime.context();
    }

    /** Hands a message to the probe source {@code feed}. */
    void feed(Map<String, Object> body, String correlationId) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(UdmHeaders.CORRELATION_ID, correlationId);
        producer.sendBodyAndHeaders(Probes.feedUri(name, "feed"), body, headers);
    }

    /** What the probe target {@code system} recorded. */
    List<Probes.Record> seen(String system) {
        return Probes.recorded(name, system);
    }

    /** The {@code id} field of each message the probe {@code system} recorded (a dead-letter record's payload's). */
    List<String> ids(String system) {
        // not ProbeApps.ids: a message recorded after a publish or an XADD has a JSON text body
        return seen(system).stream().map(r -> id(r.body())).toList();
    }

    static String id(Object body) {
        if (body instanceof Map<?, ?> map) {
            Object id = map.get("id");
            if (id == null && map.get("payload") != null) {
                return id(map.get("payload"));
            }
            return id == null ? null : String.valueOf(id);
        }
        if (body instanceof String text && text.startsWith("{")) {
            return id(io.unikernal.runtime.StrictJson.read(text, Object.class));
        }
        return null;
    }

    @Override
    public void close() {
        try {
            producer.close();
        } catch (Exception e) {
            // the context stops it anyway
        }
        runtime.close();
        Probes.forget(name);
    }
}
