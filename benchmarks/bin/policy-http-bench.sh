#!/usr/bin/env bash
# The policy stack's cost over HTTP on loopback, measured from another process: the same app (http source ->
# log target) run by `unikernal run` without a policy and with the policy stack, all started side by side, loaded in
# turn by wrk (POST with a JSON body and an API key) for several rounds, the order rotating each round. Prints the
# mean requests/s of each app with its spread (standard deviation, min..max) and the cost against "none", and the
# app's CPU time per request (which other load on the machine distorts less than requests/s).
#   benchmarks/bin/policy-http-bench.sh
#   ROUNDS=8 DURATION=15s CONNECTIONS=32 benchmarks/bin/policy-http-bench.sh
#   VARIANTS="none auth rateLimit breaker breakerWithTimeout" benchmarks/bin/policy-http-bench.sh  # with none
# Variants: none; fullWithoutTimeout = auth + rateLimit + circuitBreaker; full = the same + timeout (the log target
# has no client timeout of its own, so the timeout is the breaker's time limiter on the app's pool); goal = the issue's
# stack, auth + rateLimit + circuitBreaker + retry (the guarded call then is a route of its own behind direct:).
source "$(dirname "$0")/bench-lib.sh"

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk is missing: installing the Debian package" >&2
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
fi
bench_build_cli

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-16}
read -r -a VARIANTS <<< "${VARIANTS:-none fullWithoutTimeout goal full}"
OUT=benchmarks/target/policy-http-bench
rm -rf "$OUT"
mkdir -p "$OUT"

KEY=bench-key
KEY_SHA=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)

cat > "$OUT/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"id":"o-1","amount":10}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = "$KEY"
LUA

policy_of() {
  local auth="      auth: {apiKeys: [{id: bench, sha256: \"$KEY_SHA\"}]}"
  local rate="      rateLimit: {rate: 1000000/s, burst: 1000000}"
  local breaker="      circuitBreaker: {failureRate: 50, window: 100}"
  local timeout="      timeout: 5s"
  local retry="      retry: {attempts: 3, initial: 100ms, max: 2s}"
  case "$1" in
    none) ;;
    auth) printf '    policy:\n%s\n' "$auth" ;;
    rateLimit) printf '    policy:\n%s\n' "$rate" ;;
    breaker) printf '    policy:\n%s\n' "$breaker" ;;
    breakerWithTimeout) printf '    policy:\n%s\n%s\n' "$breaker" "$timeout" ;;
    retry) printf '    policy:\n%s\n' "$retry" ;;
    breakerWithRetry) printf '    policy:\n%s\n%s\n' "$breaker" "$retry" ;;
    fullWithoutTimeout) printf '    policy:\n%s\n%s\n%s\n' "$auth" "$rate" "$breaker" ;;
    full) printf '    policy:\n%s\n%s\n%s\n%s\n' "$auth" "$rate" "$breaker" "$timeout" ;;
    goal) printf '    policy:\n%s\n%s\n%s\n%s\n' "$auth" "$rate" "$breaker" "$retry" ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

declare -A PORT PID
cleanup() {
  for v in "${!PID[@]}"; do
    kill "${PID[$v]}" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

for v in "${VARIANTS[@]}"; do
  PORT[$v]=$(free_port)
  cat > "$OUT/$v.udl.yaml" <<UDL
udl: 8
name: overhead-$v
systems:
  api: {adapter: http, port: ${PORT[$v]}}
  out: {adapter: log, level: TRACE}
routes:
  - name: orders
    from: {system: api, method: POST, path: /orders}
$(policy_of "$v")
    steps:
      - to: out
UDL
  java ${UNIKERNAL_JAVA_OPTS:-} -cp "cli/target/unikernal-cli.jar:cli/target/lib/*" io.unikernal.cli.UnikernalCli \
    run "$OUT/$v.udl.yaml" > "$OUT/$v.log" 2>&1 &
  PID[$v]=$!
done

for v in "${VARIANTS[@]}"; do
  for _ in $(seq 1 120); do
    status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      -H "X-Api-Key: $KEY" --data '{"id":"o-1","amount":10}' "http://127.0.0.1:${PORT[$v]}/orders" || true)
    [[ "$status" == "200" ]] && break
    kill -0 "${PID[$v]}" 2>/dev/null || { echo "app $v died:" >&2; tail -n 30 "$OUT/$v.log" >&2; exit 1; }
    sleep 0.5
  done
  [[ "$status" == "200" ]] || { echo "app $v does not answer 200 (last: $status)" >&2; exit 1; }
done

# CPU time (user + system, clock ticks) the app's process has used so far
cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# one wrk run; prints "requests/s  app CPU µs per request", fails on any error or non-2xx answer. The CPU time per
# request is the app's own (from /proc), so it holds up better than requests/s when other processes share the cores.
load() {
  local v=$1 duration=$2 log before after
  before=$(cpu_ticks "${PID[$v]}")
  log=$(wrk -t1 -c"$CONNECTIONS" -d"$duration" --latency -s "$OUT/post.lua" "http://127.0.0.1:${PORT[$v]}/orders")
  after=$(cpu_ticks "${PID[$v]}")
  echo "$log" >> "$OUT/wrk-$v.txt"
  if grep -qE 'Non-2xx|Socket errors' <<<"$log"; then
    echo "wrk against $v saw errors:" >&2
    echo "$log" >&2
    exit 1
  fi
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    /^ *[0-9]+ requests in/ {requests = $1}
    /^Requests\/sec:/ {rps = $2}
    END {printf "%s\t%.1f\n", rps, ticks / hz * 1e6 / requests}' <<<"$log"
}

bench_host
echo "command: ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS $0"
echo "wrk: wrk -t1 -c$CONNECTIONS -d$DURATION --latency -s $OUT/post.lua http://127.0.0.1:PORT/orders"
for v in "${VARIANTS[@]}"; do
  load "$v" "$WARMUP" > /dev/null
done
: > "$OUT/results.tsv"
for round in $(seq 1 "$ROUNDS"); do
  # rotate the order, so no variant always runs right after another's load
  n=${#VARIANTS[@]}
  for i in $(seq 0 $((n - 1))); do
    v=${VARIANTS[$(((i + round) % n))]}
    figures=$(load "$v" "$DURATION")
    printf '%s\t%s\t%s\t%s\n' "$round" "$v" "$figures" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/results.tsv"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$OUT/results.tsv" "${VARIANTS[@]}" <<'PY'
import statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]).read().split("\n") if line]
rps, cpu = {}, {}
for _, v, r, c, _load in rows:
    rps.setdefault(v, []).append(float(r))
    cpu.setdefault(v, []).append(float(c))
def stats(xs):
    return statistics.mean(xs), (statistics.stdev(xs) if len(xs) > 1 else 0.0), min(xs), max(xs)
base_rps, base_cpu = statistics.mean(rps["none"]), statistics.mean(cpu["none"])
print(f"\n{'variant':20} {'req/s mean':>11} {'± sd':>7} {'min..max':>15} {'vs none':>8}"
      f" | {'app CPU µs/req':>14} {'± sd':>5} {'vs none':>8}")
for v in sys.argv[2:]:
    m, sd, lo, hi = stats(rps[v])
    cm, csd, _, _ = stats(cpu[v])
    cost = "—" if v == "none" else f"{(m / base_rps - 1) * 100:+.1f} %"
    ccost = "—" if v == "none" else f"{(cm / base_cpu - 1) * 100:+.1f} %"
    print(f"{v:20} {m:11,.0f} {sd:7,.0f} {lo:7,.0f}..{hi:<7,.0f} {cost:>8} | {cm:14.1f} {csd:5.1f} {ccost:>8}")
PY
