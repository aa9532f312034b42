#!/usr/bin/env bash
# A unary gRPC call served by a UDL route (examples/grpc-quotes) vs the same method hand-written on generated stubs,
# each server in a JVM of its own, one load generator. Usage: benchmarks/bin/grpc-bench.sh [CALLS] [ROUNDS] [IN_FLIGHT]
source "$(dirname "$0")/bench-lib.sh"
bench_build_jmh
bench_host
java -Xmx1g -cp "$JAR" io.unikernal.bench.grpc.GrpcUnaryBench "${1:-100000}" "${2:-3}" "${3:-32}" 2>/dev/null
