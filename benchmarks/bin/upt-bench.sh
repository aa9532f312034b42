#!/usr/bin/env bash
# REST -> gRPC through a UPT translation vs calling the gRPC service directly: the service and the translator each
# in a JVM of their own, one load generator. Usage: benchmarks/bin/upt-bench.sh [CALLS] [ROUNDS] [IN_FLIGHT]
source "$(dirname "$0")/bench-lib.sh"
bench_build_jmh
bench_host
java -Xmx1g -cp "$JAR" io.unikernal.bench.upt.UptRestGrpcBench "${1:-30000}" "${2:-3}" "${3:-32}" 2>/dev/null
