#!/usr/bin/env bash
# Runs the routing benchmarks (Rust engine, its Java twin and a hand-written Camel choice()) in one
# JMH run and prints the figures. Short runs by default: this machine has 2 cores.
#   benchmarks/bin/routing-bench.sh              # build if needed, then run
#   JMH_OPTS="-f 1 -wi 5 -i 10" benchmarks/bin/routing-bench.sh
source "$(dirname "$0")/bench-lib.sh"
bench_build_jmh

OUT=benchmarks/target/routing-bench
mkdir -p "$OUT"
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 3 -i 5 -w 1s -r 1s"}
bench_host
echo "command: java -Dunikernal.native.required=true -jar $JAR 'io.unikernal.bench.routing.*' $JMH_OPTS -rf json -rff $OUT/result.json"

# the native library must load: a benchmark of the Java twin labelled "rust" would be a lie
java -Dunikernal.native.required=true -jar "$JAR" 'io.unikernal.bench.routing.*' $JMH_OPTS \
  -jvmArgsAppend -Dunikernal.native.required=true -rf json -rff "$OUT/result.json" | tee "$OUT/output.txt"

python3 - "$OUT/result.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
print("\n== routing figures ==")
print(f"{'benchmark':58} {'score':>16}  unit")
for r in rows:
    name = r["benchmark"].replace("io.unikernal.bench.routing.", "")
    params = ",".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
    m = r["primaryMetric"]
    label = f"{name}[{params}]" if params else name
    if r["mode"] == "sample":
        p = m["scorePercentiles"]
        print(f"{label:58} p50 {p['50.0']:8.0f} p99 {p['99.0']:8.0f} p99.9 {p['99.9']:8.0f}  ns/op")
    else:
        print(f"{label:58} {m['score']:16,.0f}  {m['scoreUnit']} (± {m['scoreError']:,.0f})")
PY
