package io.unikernal.bench.upt;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.unikernal.bench.grpc.GrpcBenchServer;
import io.unikernal.bench.grpc.GrpcUnaryBench;
import io.unikernal.bench.support.BenchSupport;
import io.unikernal.bench.support.BoundedLoad;
import io.unikernal.bench.support.ChildJvm;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import quotes.v1.QuotesGrpc;

/**
 * REST → gRPC through UPT vs calling the gRPC service directly (issue 12's benchmark). Process layout: the gRPC
 * service (quotes.v1.Quotes/Price hand-written on generated stubs, {@link GrpcBenchServer} {@code raw}) in a JVM of its
 * own; the translator ({@link UptBenchServer}: the documented REST → gRPC translation, nothing else) in a JVM of its
 * own; this JVM is the one load generator — A: generated async stubs over one Netty channel straight to the service;
 * B: Vert.x's HTTP/1.1 client (keep-alive pool, one connection per call in flight) posting the same request as JSON
 * to {@code /quotes/Price}. Every reply is checked. Per round, A then B: warm-up calls, then {@code calls} calls at
 * {@code concurrency} in flight (the rate; each server JVM's CPU time per call), then {@code calls / 10} calls one
 * at a time (closed loop, p50/p99). Added latency = B's one-at-a-time p50 − A's, per round.
 * Usage: {@code UptRestGrpcBench CALLS ROUNDS CONCURRENCY}.
 */
public final class UptRestGrpcBench {

    private static final Buffer BODY = Buffer.buffer("{\"sku\":\"a-1\",\"quantity\":3}");

    private UptRestGrpcBench() {
    }

    record Side(double rate, double serviceCpu, double translatorCpu, double clientCpu, long[] loaded, long[] solo) {
    }

    /** One way of making {@code n} calls with at most {@code inFlight} at once; each call's latency in ns. */
    @FunctionalInterface
    interface Load {
        long[] run(int n, int inFlight) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        System.out.println(BenchSupport.host());
        System.out.printf("REST -> gRPC quotes.v1.Quotes/Price: %,d calls a round, %d in flight, %d rounds%n", calls,
                concurrency, rounds);
        int grpcPort = BenchSupport.freePort();
        int httpPort = BenchSupport.freePort();
        Vertx vertx = Vertx.vertx();
        try (ChildJvm service = ChildJvm.start("512m", GrpcBenchServer.class,
                new File("benchmarks/target/upt-bench-service.log"), "raw", String.valueOf(grpcPort));
                ChildJvm translator = ChildJvm.start("512m", UptBenchServer.class,
                        new File("benchmarks/target/upt-bench-translator.log"), String.valueOf(httpPort),
                        String.valueOf(grpcPort))) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
            QuotesGrpc.QuotesStub stub = QuotesGrpc.newStub(channel);
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                    .setDefaultHost("127.0.0.1").setDefaultPort(httpPort), new PoolOptions().setHttp1MaxSize(concurrency));
            Load direct = (n, inFlight) -> GrpcUnaryBench.load(stub, n, inFlight);
            Load throughUpt = (n, inFlight) -> rest(http, n, inFlight);
            List<String> rates = new ArrayList<>();
            List<String> added = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Side a = measure("A direct gRPC ", round, direct, calls, concurrency, service, () -> 0);
                Side b = measure("B REST via UPT", round, throughUpt, calls, concurrency, service, translator::cpuNanos);
                rates.add(String.format("%.2f", b.rate() / a.rate()));
                added.add(String.format("%.0f µs", (GrpcUnaryBench.pct(b.solo(), 50) - GrpcUnaryBench.pct(a.solo(), 50))
                        * 1e3));
            }
            System.out.println("B/A rate per round: " + rates);
            System.out.println("added latency (one at a time, p50 B - p50 A) per round: " + added);
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Side measure(String label, int round, Load load, int calls, int concurrency, ChildJvm service,
            LongSupplier translatorCpu) throws Exception {
        load.run(Math.max(calls / 2, 2_000), concurrency); // warm-up: JIT every JVM on this path
        long service0 = service.cpuNanos();
        long translator0 = translatorCpu.getAsLong();
        long client0 = BenchSupport.processCpuNanos();
        long t0 = System.nanoTime();
        long[] loaded = load.run(calls, concurrency);
        long wall = System.nanoTime() - t0;
        Side side = new Side(calls / (wall / 1e9), (service.cpuNanos() - service0) / 1e3 / calls,
                (translatorCpu.getAsLong() - translator0) / 1e3 / calls,
                (BenchSupport.processCpuNanos() - client0) / 1e3 / calls, loaded,
                load.run(Math.max(calls / 10, 500), 1));
        System.out.printf("round %d %s %,8.0f calls/s  CPU/call µs: service %5.1f  translator %5.1f  client %5.1f"
                        + "  | loaded p50 %.2f ms p99 %.2f ms | one at a time p50 %.3f ms p99 %.3f ms%n", round, label,
                side.rate(), side.serviceCpu(), side.translatorCpu(), side.clientCpu(),
                GrpcUnaryBench.pct(loaded, 50), GrpcUnaryBench.pct(loaded, 99),
                GrpcUnaryBench.pct(side.solo(), 50), GrpcUnaryBench.pct(side.solo(), 99));
        return side;
    }

    /** {@code calls} POSTs of the request as JSON with at most {@code concurrency} in flight, each reply checked. */
    private static long[] rest(HttpClient http, int calls, int concurrency) throws InterruptedException {
        return BoundedLoad.run(calls, concurrency, done -> http.request(HttpMethod.POST, "/quotes/Price")
                .compose(request -> request.putHeader("content-type", "application/json").send(BODY))
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("HTTP " + response.statusCode()))
                .onComplete(reply -> {
                    if (reply.succeeded() && reply.result().toString().contains("\"total\":37.5")) {
                        done.ok();
                    } else {
                        done.failed();
                    }
                }));
    }
}
