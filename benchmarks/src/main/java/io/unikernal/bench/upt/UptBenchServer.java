package io.unikernal.bench.upt;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.util.Map;

/**
 * The translator of {@link UptRestGrpcBench}, in a JVM of its own so its CPU time is its own: a UDL file whose only
 * content is a REST → gRPC translation of {@code examples/grpc-quotes/quotes.proto} (the documented shape, nothing
 * tuned), compiled by the unmodified compiler, calling the gRPC service at {@code GRPC_PORT}. Prints {@code ready}
 * once it serves, and stops when its standard input closes. Usage: {@code UptBenchServer HTTP_PORT GRPC_PORT}.
 */
public final class UptBenchServer {

    static final Path EXAMPLE = Path.of("examples/grpc-quotes");

    private UptBenchServer() {
    }

    static String udl(int httpPort, int grpcPort) {
        return """
                udl: 8
                name: quotes-rest
                systems:
                  api:    {adapter: http, port: %d}
                  quotes: {adapter: grpc, address: "127.0.0.1:%d", proto: quotes.proto}
                translations:
                  - name: quotes-rest
                    expose: {system: api, protocol: rest, path: /quotes}
                    target: {system: quotes}
                """.formatted(httpPort, grpcPort);
    }

    public static void main(String[] args) throws Exception {
        Adapters adapters = Adapters.installed();
        var doc = new UdlParser(adapters).parse(EXAMPLE.resolve("quotes-rest.udl.yaml").toAbsolutePath().toString(),
                udl(Integer.parseInt(args[0]), Integer.parseInt(args[1]))).orThrow();
        UdlRuntime runtime = UdlRuntime.start(new UdlCompiler(adapters).compile(doc, EXAMPLE, CompileOptions.DEFAULT),
                Map.of("camel.main.shutdownTimeout", "5"));
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the bench closes our standard input
        }
        runtime.close();
        System.exit(0);
    }
}
