# Sourced by the scripts beside it (not run on its own): the preamble they share.
#   source "$(dirname "$0")/bench-lib.sh"
# Leaves the shell at the repository root with cargo on the PATH, and defines:
#   JAR                 the JMH jar
#   bench_build_jmh     builds the JMH jar when missing, or always with REBUILD=1 (package, never install)
#   bench_build_cli     the same for the unikernal distribution (cli/target/unikernal-cli.jar + lib/)
#   bench_host          one line: UTC time, cores, JDK, load average (the machine has 2 cores: say when it is busy)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

JAR=benchmarks/target/benchmarks.jar

bench_build_jmh() {
  if [[ ! -f "$JAR" || "${REBUILD:-0}" == "1" ]]; then
    ./mvnw -B -q package -pl benchmarks -am -DskipTests
  fi
}

bench_build_cli() {
  if [[ ! -f cli/target/unikernal-cli.jar || ! -d cli/target/lib || "${REBUILD:-0}" == "1" ]]; then
    ./mvnw -B -q package -pl cli -am -DskipTests
  fi
}

bench_host() {
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  host: $(nproc) cores, $(java -version 2>&1 | head -n 1)," \
    "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}
