package io.unikernal.bench.grpc;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import quotes.v1.QuotesGrpc;
import quotes.v1.QuotesOuterClass.Quote;
import quotes.v1.QuotesOuterClass.QuoteRequest;

/**
 * The server side of {@link GrpcUnaryBench}, in a JVM of its own so its CPU time is its own: {@code udl PORT} runs
 * the grpc-quotes example's UDL file unchanged but for its port (validate, price, reply; compiled by the unmodified
 * compiler); {@code raw PORT} serves the same method hand-written on the stubs protoc and the grpc-java plugin
 * generated from the same .proto, doing the same work (the schema's checks, the price). Prints {@code ready} once
 * it serves, and stops when its standard input closes.
 */
public final class GrpcBenchServer {

    static final Path EXAMPLE = Path.of("examples/grpc-quotes");

    private GrpcBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        AutoCloseable server = switch (args[0]) {
            case "udl" -> udl(port);
            case "raw" -> raw(port);
            default -> throw new IllegalArgumentException("udl or raw, not " + args[0]);
        };
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the bench closes our standard input
        }
        server.close();
        System.exit(0);
    }

    private static AutoCloseable udl(int port) throws Exception {
        String udl = Files.readString(EXAMPLE.resolve("quotes.udl.yaml")).replace("port: 9090", "port: " + port);
        if (!udl.contains("port: " + port)) {
            throw new IllegalStateException("the example no longer declares port: 9090");
        }
        Adapters adapters = Adapters.installed();
        var doc = new UdlParser(adapters).parse(EXAMPLE.resolve("quotes.udl.yaml").toAbsolutePath().toString(), udl).orThrow();
        UdlRuntime runtime = UdlRuntime.start(new UdlCompiler(adapters).compile(doc, EXAMPLE, CompileOptions.DEFAULT),
                Map.of());
        return runtime;
    }

    private static AutoCloseable raw(int port) throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(new HandWrittenQuotes()).build().start();
        return () -> server.shutdownNow().awaitTermination();
    }

    /** What a careful engineer writes on generated stubs: the schema's checks, then the price. */
    static final class HandWrittenQuotes extends QuotesGrpc.QuotesImplBase {
        @Override
        public void price(QuoteRequest request, StreamObserver<Quote> reply) {
            if (request.getSku().isEmpty() || request.getQuantity() < 1 || request.getQuantity() > 1000) {
                reply.onError(Status.INVALID_ARGUMENT.withDescription("sku is required, quantity 1..1000")
                        .asRuntimeException());
                return;
            }
            reply.onNext(Quote.newBuilder().setSku(request.getSku()).setQuantity(request.getQuantity())
                    .setTotal(request.getQuantity() * 12.5).setCurrency("EUR").build());
            reply.onCompleted();
        }
    }
}
