#!/usr/bin/env bash
# Starts every local service the tests use that is not already up (the machine kind runs them, but one may be down).
# Commands are the machine's own (see the env notes); each is checked on its loopback port afterwards.
set -uo pipefail

up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local name=$1 port=$2
  for _ in $(seq 1 60); do up "$port" && { echo "services: $name is up on $port"; return 0; }; sleep 1; done
  echo "services: $name did not come up on port $port" >&2
  return 1
}

start() {
  local name=$1 port=$2; shift 2
  if up "$port"; then echo "services: $name already up on $port"; return 0; fi
  echo "services: starting $name"
  "$@" >/dev/null 2>&1 || true
  wait_port "$name" "$port"
}

rc=0
start postgresql 5432 bash -c 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start' || rc=1
start mariadb 3306 start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || rc=1
start redis 6379 redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
  --dir /var/lib/redis --logfile /var/log/redis/ci.log || rc=1
start rabbitmq 5672 rabbitmq-server -detached || rc=1
start mosquitto 1883 mosquitto -d -c /etc/mosquitto/mosquitto.conf || rc=1
start nats 4222 start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
  -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log || rc=1
exit $rc
