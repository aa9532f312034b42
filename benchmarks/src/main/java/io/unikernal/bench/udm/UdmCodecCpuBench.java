package io.unikernal.bench.udm;

import io.unikernal.udm.UdmBinaryCodec;
import io.unikernal.udm.UdmJsonCodec;
import io.unikernal.udm.UdmMessage;
import io.unikernal.udm.proto.UdmEnvelope;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * The codec benchmark in CPU time: each operation's thread CPU nanoseconds per call, in rounds that interleave JSON,
 * binary and protoc's classes in a shuffled order, so a machine busy with other work shifts all of them alike (JMH's
 * wall-clock averages do not survive a loaded machine). Prints per message the median ns/op of each operation over
 * the rounds and, per round, the ratio (JSON encode + decode) / (binary encode + decode).
 *
 * <p>{@code java -cp benchmarks.jar io.unikernal.bench.udm.UdmCodecCpuBench [rounds] [callsPerBatch]}
 */
public final class UdmCodecCpuBench {

    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        UdmJsonCodec json = new UdmJsonCodec();
        UdmBinaryCodec binary = new UdmBinaryCodec();
        Random shuffle = new Random(42);
        for (String name : List.of("small", "order", "nested10k")) {
            UdmMessage m = UdmMessages.named(name);
            UdmEnvelope proto = UdmProtoForm.of(m);
            byte[] j = json.encode(m);
            byte[] b = binary.encode(m);
            byte[] p = proto.toByteArray();
            Map<String, Callable<Object>> ops = new LinkedHashMap<>();
            ops.put("jsonEncode", () -> json.encode(m));
            ops.put("jsonDecode", () -> json.decode(j));
            ops.put("binaryEncode", () -> binary.encode(m));
            ops.put("binaryDecode", () -> binary.decode(b));
            ops.put("protoEncode", proto::toByteArray);
            ops.put("protoDecode", () -> UdmEnvelope.parseFrom(p));
            int batch = name.equals("nested10k") ? calls / 10 : calls;
            for (Callable<Object> op : ops.values()) { // warm-up: every path compiled before anything is measured
                for (int i = 0; i < batch * 5; i++) {
                    sink = op.call();
                }
            }
            Map<String, double[]> results = new LinkedHashMap<>();
            ops.keySet().forEach(k -> results.put(k, new double[rounds]));
            List<String> order = new ArrayList<>(ops.keySet());
            for (int r = 0; r < rounds; r++) {
                Collections.shuffle(order, shuffle);
                for (String op : order) {
                    Callable<Object> call = ops.get(op);
                    long start = cpu.getCurrentThreadCpuTime();
                    for (int i = 0; i < batch; i++) {
                        sink = call.call();
                    }
                    results.get(op)[r] = (cpu.getCurrentThreadCpuTime() - start) / (double) batch;
                }
            }
            System.out.printf("%n%s: JSON %d bytes, binary %d bytes, protoc's classes %d bytes; %d rounds × %d calls%n",
                    name, j.length, b.length, p.length, rounds, batch);
            results.forEach((op, ns) -> System.out.printf("  %-13s median %,9.0f ns CPU/op  (min %,.0f, max %,.0f)%n",
                    op, median(ns), Arrays.stream(ns).min().orElse(0), Arrays.stream(ns).max().orElse(0)));
            double[] ratio = new double[rounds];
            double[] ceiling = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                double bin = results.get("binaryEncode")[r] + results.get("binaryDecode")[r];
                ratio[r] = (results.get("jsonEncode")[r] + results.get("jsonDecode")[r]) / bin;
                ceiling[r] = (results.get("protoEncode")[r] + results.get("protoDecode")[r]) / bin;
            }
            Arrays.sort(ratio);
            System.out.printf("  JSON / binary (encode + decode), per round: min %.2f, median %.2f, max %.2f"
                    + " (goal >= 3.0)%n", ratio[0], median(ratio), ratio[rounds - 1]);
            System.out.printf("  protoc's classes / binary, per round: median %.2f (above 1: the codec is faster)%n",
                    median(ceiling));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
