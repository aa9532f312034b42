#!/usr/bin/env bash
# The content-based-route benchmark: a UDL-compiled route (the compiler's unmodified output, UDM handling
# included) against the same route hand-written in Camel's Java DSL with a Java predicate, in one JMH run.
# Prints both throughputs and the ratio UDL / hand-written (the target is >= 1.0).
#   benchmarks/bin/cbr-bench.sh
#   JMH_OPTS="-f 2 -wi 5 -i 10 -w 2s -r 2s" benchmarks/bin/cbr-bench.sh
source "$(dirname "$0")/bench-lib.sh"
bench_build_jmh
OUT=benchmarks/target/cbr-bench
mkdir -p "$OUT"
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 3 -i 5 -w 2s -r 2s"}
bench_host
echo "command: java -jar $JAR 'ContentBasedRouteBenchmark|CelBenchmark|UdmCodecBenchmark' $JMH_OPTS"
java -jar "$JAR" 'ContentBasedRouteBenchmark|CelBenchmark|UdmCodecBenchmark' $JMH_OPTS \
  -rf json -rff "$OUT/result.json" | tee "$OUT/output.txt" | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)' || true

python3 - "$OUT/result.json" <<'PY'
import json, sys
rows = {r["benchmark"].rsplit(".", 1)[1]: r for r in json.load(open(sys.argv[1]))}
udl, hand = rows.get("udlCompiled"), rows.get("handWrittenJavaDsl")
if udl and hand:
    u, h = udl["primaryMetric"]["score"], hand["primaryMetric"]["score"]
    print(f"\nUDL-compiled      {u:14,.0f} msg/s (± {udl['primaryMetric']['scoreError']:,.0f})")
    print(f"hand-written DSL  {h:14,.0f} msg/s (± {hand['primaryMetric']['scoreError']:,.0f})")
    print(f"ratio UDL / hand-written = {u / h:.2f}")
PY
