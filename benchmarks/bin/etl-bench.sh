#!/usr/bin/env bash
# CSV loads at the physical limit (issue 13's benchmark), same run, interleaved per round: psql \copy of the clean
# file, the UDL pipeline (insert into an empty PostgreSQL table with a primary key, then upsert over it), mariadb
# LOAD DATA LOCAL INFILE of the clean file, the ETL's MariaDB JDBC target. A generated ROWS-row, 5-column CSV with
# quoted commas and 0.1 % bad rows (the clean file: the same without them). Machine's PostgreSQL and MariaDB.
#   benchmarks/bin/etl-bench.sh [ROWS] [ROUNDS]      (defaults 1000000 3)
source "$(dirname "$0")/bench-lib.sh"
# the benchmark jar with this worktree's jdbc and etl modules (the others from the local repository)
if [[ ! -f "$JAR" || "${REBUILD:-0}" == "1" ]]; then
  ./mvnw -B -q package -pl components/jdbc,etl,benchmarks -DskipTests -Dunikernal.native.skip=true
fi
bench_host
ROWS=${1:-1000000}; ROUNDS=${2:-3}
echo "command: benchmarks/bin/etl-bench.sh $ROWS $ROUNDS"
echo "uptime: $(uptime)"
timeout 60m java -Xmx512m -XX:+UseParallelGC -cp "$JAR" io.unikernal.bench.etl.EtlLoadBench "$ROWS" "$ROUNDS" \
  benchmarks/target/etl-bench 2>/dev/null
echo "uptime: $(uptime)"
