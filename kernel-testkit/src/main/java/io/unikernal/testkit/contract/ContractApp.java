package io.unikernal.testkit.contract;

import io.unikernal.compile.CompileOptions;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.compile.YamlEmitter;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.testkit.probe.ProbeAdapter;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import io.unikernal.udm.UdmHeaders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * One UDL app of a case, compiled with the installed adapters plus the suite's probe and run in process on Camel
 * Main ({@link UdlRuntime}); {@link io.unikernal.udl.testing.TwoWayRun} runs the open/close cases from the emitted
 * YAML too. Feeds the probe source and reads what the probe targets recorded.
 */
final class ContractApp implements AutoCloseable {

    private static final Adapters ADAPTERS = withProbe(Adapters.installed());

    private final String name;
    private final UdlRuntime runtime;
    private final ProducerTemplate producer;

    private ContractApp(String name, UdlRuntime runtime) {
        this.name = name;
        this.runtime = runtime;
        this.producer = runtime.context().createProducerTemplate();
    }

    /** The installed adapters and the probe. */
    static Adapters adapters() {
        return ADAPTERS;
    }

    private static Adapters withProbe(Adapters installed) {
        return Adapters.of(Stream.concat(installed.all().values().stream(), Stream.of(new ProbeAdapter()))
                .toArray(Adapter[]::new));
    }

    /** Compiles {@code udl} (an app named {@code name}) and starts it. */
    static ContractApp start(String name, String udl, Path workDir) throws Exception {
        CompiledApp app = compile(name, udl, workDir);
        Probes.forget(name);
        return new ContractApp(name, UdlRuntime.start(app, Map.of()));
    }

    /** Compiles {@code udl} and writes its YAML folder, as {@code unikernal compile} does; returns the folder. */
    static Path emit(String name, String udl, Path workDir) throws Exception {
        Path dir = java.nio.file.Files.createDirectories(workDir.resolve("emitted-" + name));
        YamlEmitter.write(compile(name, udl, workDir), dir);
        return dir;
    }

    private static CompiledApp compile(String name, String udl, Path workDir) {
        UdlDocument doc = new UdlParser(ADAPTERS).parse(name + ".udl.yaml", udl).orThrow();
        return new UdlCompiler(ADAPTERS).compile(doc, workDir, CompileOptions.DEFAULT);
    }

    CamelContext context() {
        return runtime.context();
    }

    /** Hands {@code message} to the probe source {@value ContractUdl#FEED} with its correlation id and more headers. */
    void feed(ContractMessage message, Map<String, Object> headers) {
        feed(producer, name, message, headers);
    }

    static void feed(ProducerTemplate producer, String app, ContractMessage message, Map<String, Object> headers) {
        Map<String, Object> all = new java.util.HashMap<>(headers);
        all.put(UdmHeaders.CORRELATION_ID, message.correlationId());
        producer.sendBodyAndHeaders(Probes.feedUri(app, ContractUdl.FEED), message.body(), all);
    }

    /** What the probe target {@value ContractUdl#SEEN} recorded. */
    List<Received> seen() {
        return seen(name, ContractUdl.SEEN);
    }

    /** What the dead-letter probe {@value ContractUdl#PARKED} recorded. */
    List<Received> parked() {
        return seen(name, ContractUdl.PARKED);
    }

    static List<Received> seen(String app, String system) {
        return Probes.recorded(app, system).stream().map(r -> new Received(r.body(),
                r.headers().get(UdmHeaders.CORRELATION_ID), r.headers().get(UdmHeaders.SCHEMA),
                r.headers().get(UdmHeaders.SCHEMA_VERSION), r.headers())).toList();
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
