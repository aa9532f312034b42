package io.unikernal.bench.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

    private static final QuoteRequest REQUEST = QuoteRequest.newBuilder().setSku("a-1").setQuantity(3).build();

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
        File log = new File("benchmarks/target/grpc-bench-" + side + ".log");
        log.getParentFile().mkdirs();
        Process server = new ProcessBuilder(javaBin(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                GrpcBenchServer.class.getName(), side, String.valueOf(port))
                .redirectError(log).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // the server prints nothing else before it serves
            }
            if (line == null) {
                throw new IllegalStateException(side + " server did not start; see " + log);
            }
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                QuotesGrpc.QuotesStub stub = QuotesGrpc.newStub(channel);
                load(stub, Math.max(calls / 2, 2_000), concurrency); // warm-up: JIT both sides
                long cpu0 = cpuNanos(server);
                long client0 = benchJvmCpuNanos();
                long t0 = System.nanoTime();
                long[] latencies = load(stub, calls, concurrency);
                long wall = System.nanoTime() - t0;
                long cpu = cpuNanos(server) - cpu0;
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
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** {@code calls} calls with at most {@code concurrency} in flight; each call's latency in ns. */
    private static long[] load(QuotesGrpc.QuotesStub stub, int calls, int concurrency) throws InterruptedException {
        long[] latencies = new long[calls];
        Semaphore inFlight = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(calls);
        AtomicLong failures = new AtomicLong();
        for (int i = 0; i < calls; i++) {
            inFlight.acquire();
            int slot = i;
            long start = System.nanoTime();
            stub.price(REQUEST, new StreamObserver<>() {
                @Override
                public void onNext(Quote quote) {
                    if (quote.getTotal() != 37.5) {
                        failures.incrementAndGet();
                    }
                }

                @Override
                public void onError(Throwable t) {
                    failures.incrementAndGet();
                    finish();
                }

                @Override
                public void onCompleted() {
                    finish();
                }

                private void finish() {
                    latencies[slot] = System.nanoTime() - start;
                    inFlight.release();
                    done.countDown();
                }
            });
        }
        if (!done.await(Duration.ofMinutes(5).toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("calls still open after 5 minutes");
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + calls + " calls failed or were wrong");
        }
        return latencies;
    }

    private static double pct(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                "no CPU time for the server process")).toNanos();
    }

    private static String javaBin() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static long benchJvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
