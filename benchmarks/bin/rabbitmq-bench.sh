#!/usr/bin/env bash
# Confirmed publishes to the machine's RabbitMQ (127.0.0.1:5672, guest/guest): a UDL route (direct source -> rabbitmq
# target) vs raw amqp-client with asynchronous confirms, the same number of confirms outstanding, A and B alternating,
# queues unique to the run. Prints a paste-ready table for docs/BENCHMARKS.md.
#   benchmarks/bin/rabbitmq-bench.sh [MESSAGES] [ROUNDS] [OUTSTANDING]      (defaults 20000 3 32)
source "$(dirname "$0")/bench-lib.sh"
bench_build_jmh
bench_host
echo "command: benchmarks/bin/rabbitmq-bench.sh ${1:-20000} ${2:-3} ${3:-32}"
timeout 20m java -Xmx1g -cp "$JAR" io.unikernal.bench.rabbitmq.RabbitMqPublishBench "${1:-20000}" "${2:-3}" "${3:-32}" \
  2>/dev/null
