#!/usr/bin/env bash
# Upload and download MB/s of one large object through the s3 adapter vs the AWS SDK v2 directly, against S3Proxy in a
# JVM of its own (filesystem store under benchmarks/target/private-servers/), A and B alternating. The bench JVM's heap
# (128 MiB) is smaller than the object: a side that held it whole would die of an OutOfMemoryError.
# Prints a paste-ready table for docs/BENCHMARKS.md.
#   benchmarks/bin/s3-bench.sh [MIB] [ROUNDS]      (defaults 256 3)
source "$(dirname "$0")/bench-lib.sh"
bench_build_jmh
bench_host
echo "command: benchmarks/bin/s3-bench.sh ${1:-256} ${2:-3}"
cd benchmarks
timeout 20m java -Xmx128m -XX:+ExitOnOutOfMemoryError -Dunikernal.s3proxy.jar=target/s3proxy/s3proxy.jar \
  -cp target/benchmarks.jar io.unikernal.bench.s3.S3TransferBench "${1:-256}" "${2:-3}" 2>/dev/null
