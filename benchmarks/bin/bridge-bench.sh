#!/usr/bin/env bash
# The Kafka -> RabbitMQ bridge (a UPT translation) vs raw asynchronous confirmed publishing of the same messages to
# the machine's RabbitMQ (127.0.0.1:5672), and vs the same raw publisher with one confirm outstanding; A/B/C
# alternating, the Kafka broker in a JVM of its own. Prints a paste-ready table for docs/BENCHMARKS.md.
#   benchmarks/bin/bridge-bench.sh [MESSAGES] [ROUNDS] [OUTSTANDING]      (defaults 20000 3 32)
source "$(dirname "$0")/bench-lib.sh"
bench_build_jmh
bench_host
echo "command: benchmarks/bin/bridge-bench.sh ${1:-20000} ${2:-3} ${3:-32}"
timeout 20m java -Xmx1g -cp "$JAR" io.unikernal.bench.bridge.KafkaRabbitMqBridgeBench "${1:-20000}" "${2:-3}" \
  "${3:-32}" 2>/dev/null
