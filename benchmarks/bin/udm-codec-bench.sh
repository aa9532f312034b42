#!/usr/bin/env bash
# The UDM codecs (issue 15 part 5): JSON vs binary vs protoc's generated classes for the same envelope, on a small,
# an order-sized and a 10 KiB nested message. Two measurements in one go:
#  1. CPU time per call, the operations interleaved in shuffled rounds (robust on a busy machine), 3 runs;
#  2. JMH's wall-clock average (meaningful on a quiet machine only).
#   benchmarks/bin/udm-codec-bench.sh            # RUNS=3 ROUNDS=15 CALLS=20000
source "$(dirname "$0")/bench-lib.sh"
bench_build_jmh
OUT=benchmarks/target/udm-codec-bench
mkdir -p "$OUT"
bench_host
for run in $(seq 1 "${RUNS:-3}"); do
  echo "== CPU-time run $run: java -cp $JAR io.unikernal.bench.udm.UdmCodecCpuBench ${ROUNDS:-15} ${CALLS:-20000}"
  java -cp "$JAR" io.unikernal.bench.udm.UdmCodecCpuBench "${ROUNDS:-15}" "${CALLS:-20000}" | tee "$OUT/cpu-$run.txt"
done
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 3 -i 5 -w 1s -r 1s"}
echo "== JMH: java -jar $JAR UdmCodecBenchmark $JMH_OPTS"
java -jar "$JAR" UdmCodecBenchmark $JMH_OPTS -rf json -rff "$OUT/result.json" | tee "$OUT/output.txt" \
  | grep -E '^(Benchmark|UdmCodecBenchmark\.|UDM )' || true
