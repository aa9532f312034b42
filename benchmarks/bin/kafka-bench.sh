#!/usr/bin/env bash
# Kafka topic -> topic: a UDL route vs the raw kafka-clients loop (poll, send all, flush, commitSync), A and B
# alternating, the broker in a JVM of its own. Usage: benchmarks/bin/kafka-bench.sh [MESSAGES] [ROUNDS]
source "$(dirname "$0")/bench-lib.sh"
bench_build_jmh
bench_host
java -Xmx2g -cp "$JAR" io.unikernal.bench.kafka.KafkaPipelineBench "${1:-100000}" "${2:-3}" 2>/dev/null
