#!/usr/bin/env bash
# Batch insert of ROWS rows into the machine's PostgreSQL (127.0.0.1:5432, db test) and MariaDB (127.0.0.1:3306, db
# test): a UDL route (direct source -> postgres/mariadb target, a list body = one JDBC batch) vs a hand-written JDBC
# executeBatch loop with the same URL (driver flags) and batch size, A and B alternating, tables unique to the run.
# Prints paste-ready tables for docs/BENCHMARKS.md.
#   benchmarks/bin/jdbc-bench.sh [ROWS] [BATCH] [ROUNDS]      (defaults 100000 1000 3)
source "$(dirname "$0")/bench-lib.sh"
bench_build_jmh
bench_host
ROWS=${1:-100000}; BATCH=${2:-1000}; ROUNDS=${3:-3}
echo "command: benchmarks/bin/jdbc-bench.sh $ROWS $BATCH $ROUNDS"
for db in "postgres jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true postgres" \
          "mariadb jdbc:mariadb://127.0.0.1:3306/test root" \
          "mariadb jdbc:mariadb://127.0.0.1:3306/test?rewriteBatchedStatements=true root"; do
  set -- $db
  echo
  echo "## $1: $2"
  timeout 20m java -Xmx1g -cp "$JAR" io.unikernal.bench.jdbc.JdbcBatchInsertBench "$1" "$2" "$3" "" \
    "$ROWS" "$BATCH" "$ROUNDS" 2>/dev/null
done
