package io.unikernal.bench.support;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * What the stand-alone (non-JMH) benchmarks share: a UDL app compiled by the unmodified compiler and started, one
 * measured run (wall time and this JVM's CPU time), latency percentiles, a free loopback port.
 */
public final class BenchSupport {

    private BenchSupport() {
    }

    /** One measured piece of work. */
    @FunctionalInterface
    public interface Run {
        void run() throws Exception;
    }

    /** Wall and CPU time (of this whole JVM) of one run, in nanoseconds. */
    public record Measured(long wallNanos, long cpuNanos) {
        public double seconds() {
            return wallNanos / 1e9;
        }

        /** {@code units} per second of wall time. */
        public double rate(double units) {
            return units / seconds();
        }

        /** CPU µs of this JVM per unit. */
        public double cpuMicrosPer(double units) {
            return cpuNanos / 1e3 / units;
        }
    }

    public static Measured measure(Run run) throws Exception {
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        run.run();
        long wall = System.nanoTime() - t0;
        return new Measured(wall, processCpuNanos() - cpu0);
    }

    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Parses, compiles (the unmodified compiler, default options) and starts a UDL app. */
    public static UdlRuntime startUdl(String fileName, String udl) throws Exception {
        Adapters adapters = Adapters.installed();
        var doc = new UdlParser(adapters).parse(fileName, udl).orThrow();
        return UdlRuntime.start(new UdlCompiler(adapters).compile(doc, Path.of("."), CompileOptions.DEFAULT),
                Map.of("camel.main.shutdownTimeout", "5"));
    }

    /** "p50 x ms  p99 y ms" of latencies in nanoseconds (sorted in place). */
    public static String percentiles(long[] nanos) {
        if (nanos.length == 0) {
            return "no samples";
        }
        Arrays.sort(nanos);
        return String.format("p50 %.2f ms  p99 %.2f ms", nanos[nanos.length / 2] / 1e6,
                nanos[Math.min(nanos.length - 1, (int) (nanos.length * 0.99))] / 1e6);
    }

    public static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The header line every benchmark prints: the time, the cores, the JDK, the load average and this JVM's heap. */
    public static String host() {
        String load;
        try {
            load = String.join(" ", Arrays.copyOf(java.nio.file.Files.readString(Path.of("/proc/loadavg"))
                    .split(" "), 3));
        } catch (java.io.IOException e) {
            load = "?";
        }
        return String.format("bench JVM: %d cores, Java %s, max heap %d MiB, load average %s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, load);
    }
}
