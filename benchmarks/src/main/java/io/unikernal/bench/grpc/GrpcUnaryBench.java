package io.unikernal.bench.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.unikernal.bench.support.BoundedLoad;
import io.unikernal.bench.support.ChildJvm;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import quotes.v1.QuotesGrpc;
import quotes.v1.QuotesOuterClass.Quote;
import quotes.v1.QuotesOuterClass.QuoteRequest;

/**
 * A unary gRPC call served by a UDL route vs the same method hand-written on generated stubs (issue 11's benchmark).
 * Each side's server runs in a JVM of its own ({@link GrpcBenchServer}), started afresh per round; this JVM is the
 * one load generator for both: generated async stubs over one Netty channel, {@code concurrency} calls in flight.
 * Per round and side: warm-up calls, then {@code calls} measured calls (rate, the server JVM's CPU time per call from
 * /proc via ProcessHandle, p50/p99 under that load), then {@code calls / 10} calls one at a time (p50/p99 unloaded).
 * A and B alternate. Usage: {@code GrpcUnaryBench CALLS ROUNDS CONCURRENCY}.
 */
public final class GrpcUnaryBench {

    static final QuoteRequest REQUEST = QuoteRequest.newBuilder().setSku("a-1").setQuantity(3).build();

    private GrpcUnaryBench() {
    }

    record Result(double rate, double serverCpuMicros, double p50Millis, double p99Millis, double soloP50,
            double soloP99) {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        System.out.printf("gRPC unary quotes.v1.Quotes/Price: %,d calls a round, %d in flight, %d rounds%n", calls,
                concurrency, rounds);
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Result raw = run("raw", round, calls, concurrency);
            Result udl = run("udl", round, calls, concurrency);
            ratios.add(udl.rate() / raw.rate());
        }
        System.out.println("udl/raw rate per round: " + ratios.stream().map(r -> String.format("%.2f", r)).toList());
    }

    private static Result run(String side, int round, int calls, int concurrency) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (ChildJvm server = ChildJvm.start("512m", GrpcBenchServer.class,
                new File("benchmarks/target/grpc-bench-" + side + ".log"), side, String.valueOf(port))) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                QuotesGrpc.QuotesStub stub = QuotesGrpc.newStub(channel);
                load(stub, Math.max(calls / 2, 2_000), concurrency); // warm-up: JIT both sides
                long cpu0 = server.cpuNanos();
                long client0 = benchJvmCpuNanos();
                long t0 = System.nanoTime();
                long[] latencies = load(stub, calls, concurrency);
                long wall = System.nanoTime() - t0;
                long cpu = server.cpuNanos() - cpu0;
                double clientCpu = (benchJvmCpuNanos() - client0) / 1e3 / calls;
                long[] solo = load(stub, Math.max(calls / 10, 500), 1);
                Result r = new Result(calls / (wall / 1e9), cpu / 1e3 / calls, pct(latencies, 50), pct(latencies, 99),
                        pct(solo, 50), pct(solo, 99));
                System.out.printf("round %d %-3s %,9.0f calls/s  %6.1f µs server CPU/call (%4.1f client)  p50 %.2f ms  p99 %.2f ms"
                        + "  | one at a time: p50 %.3f ms  p99 %.3f ms%n", round, side, r.rate(), r.serverCpuMicros(), clientCpu,
                        r.p50Millis(), r.p99Millis(), r.soloP50(), r.soloP99());
                return r;
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code calls} calls with at most {@code concurrency} in flight, each reply checked; latencies in ns. */
    public static long[] load(QuotesGrpc.QuotesStub stub, int calls, int concurrency) throws InterruptedException {
        return BoundedLoad.run(calls, concurrency, done -> stub.price(REQUEST, new StreamObserver<>() {
            private boolean right;

            @Override
            public void onNext(Quote quote) {
                right = quote.getTotal() == 37.5;
            }

            @Override
            public void onError(Throwable t) {
                done.failed();
            }

            @Override
            public void onCompleted() {
                if (right) {
                    done.ok();
                } else {
                    done.failed();
                }
            }
        }));
    }

    public static double pct(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }



    static long benchJvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
