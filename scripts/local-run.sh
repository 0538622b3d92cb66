#!/usr/bin/env bash
# One command for the whole thing on local emulators: installs and starts kinesis-local and
# DynamoDB Local on loopback, creates a 2-shard stream and the tables, then runs a producer at a
# modest rate and the consumer, which logs every window it flushes (with its anomalies).
# Ctrl-C stops everything cleanly: producer, consumer (drains and checkpoints), emulators.
#
# Environment: RATE (records/s, default 20), MALFORMED (fraction, default 0.02), RUN_SECONDS
# (stop by itself after this long; default: run until Ctrl-C), KINESIS_PORT (4568),
# DYNAMODB_PORT (8000), HTTP_PORT (8080: /health and /metrics).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STATE="$ROOT/.local"
mkdir -p "$STATE"

RATE=${RATE:-20}
MALFORMED=${MALFORMED:-0.02}
KINESIS_PORT=${KINESIS_PORT:-4568}
DYNAMODB_PORT=${DYNAMODB_PORT:-8000}
HTTP_PORT=${HTTP_PORT:-8080}
STREAM=${STREAM_NAME:-sensor-readings}

export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1
export KINESIS_ENDPOINT="http://127.0.0.1:$KINESIS_PORT" DYNAMODB_ENDPOINT="http://127.0.0.1:$DYNAMODB_PORT"
export STREAM_NAME="$STREAM"

say() { printf '\033[1;36m[local-run]\033[0m %s\n' "$*"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

for port in "$KINESIS_PORT" "$DYNAMODB_PORT" "$HTTP_PORT"; do
  if port_open "$port"; then
    echo "Port $port is already in use (a previous run still going?). Stop it or set KINESIS_PORT/DYNAMODB_PORT/HTTP_PORT." >&2
    exit 1
  fi
done

PIDS=()
CONSUMER_PID=""
PRODUCER_PID=""
cleanup() {
  trap - EXIT INT TERM
  say "stopping"
  [ -n "$PRODUCER_PID" ] && kill "$PRODUCER_PID" 2>/dev/null && wait "$PRODUCER_PID" 2>/dev/null || true
  if [ -n "$CONSUMER_PID" ] && kill -0 "$CONSUMER_PID" 2>/dev/null; then
    say "consumer: flushing open windows and checkpointing (SIGTERM)"
    kill -TERM "$CONSUMER_PID" 2>/dev/null || true
    wait "$CONSUMER_PID" 2>/dev/null && say "consumer exited 0" || say "consumer exited with code $?"
  fi
  if [ "${#PIDS[@]}" -gt 0 ]; then
    kill "${PIDS[@]}" 2>/dev/null || true
    wait "${PIDS[@]}" 2>/dev/null || true
  fi
  say "stopped; logs in .local/"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "installing kinesis-local (npm ci) and building the consumer (mvn package)"
npm ci --no-audit --no-fund --silent
mvn -B -q -ntp -pl consumer -am package -DskipTests
mvn -B -q -ntp -pl consumer dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$STATE/dynamodb-local.classpath"
JAR="$ROOT/consumer/target/streamwatch-consumer.jar"

say "starting DynamoDB Local on :$DYNAMODB_PORT and kinesis-local on :$KINESIS_PORT"
java -Dsqlite4java.library.path="$ROOT/consumer/target/native-libs" -cp "$(cat "$STATE/dynamodb-local.classpath")" \
  com.amazonaws.services.dynamodbv2.local.main.ServerRunner -inMemory -port "$DYNAMODB_PORT" \
  >"$STATE/dynamodb-local.log" 2>&1 &
PIDS+=($!)
KINESIS_MOCK_CERT_PATH="$ROOT/node_modules/kinesis-local/server.json" KINESIS_MOCK_PLAIN_PORT="$KINESIS_PORT" \
  KINESIS_MOCK_TLS_PORT=$((KINESIS_PORT + 1000)) LOG_LEVEL=WARN CREATE_STREAM_DURATION=100ms \
  node "$ROOT/node_modules/kinesis-local/main.js" >"$STATE/kinesis-local.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 150); do
  port_open "$KINESIS_PORT" && port_open "$DYNAMODB_PORT" && break
  [ "$i" = 150 ] && { echo "emulators did not start; see .local/*.log" >&2; exit 1; }
  sleep 0.2
done

java -jar "$JAR" setup --shards 2

say "starting the consumer (20 s windows; /health and /metrics on :$HTTP_PORT)"
java -jar "$JAR" run --kcl-tuning local --initial-position TRIM_HORIZON --http-port "$HTTP_PORT" &
CONSUMER_PID=$!

say "starting the producer: $RATE records/s, $MALFORMED malformed"
java -jar "$JAR" produce --rate "$RATE" --malformed "$MALFORMED" >"$STATE/producer.log" 2>&1 &
PRODUCER_PID=$!

say "windows flush every 20 s below; Ctrl-C to stop. Try: curl localhost:$HTTP_PORT/metrics | grep streamwatch"
START=$SECONDS
while kill -0 "$CONSUMER_PID" 2>/dev/null; do
  sleep 1
  if [ -n "${RUN_SECONDS:-}" ] && [ $((SECONDS - START)) -ge "$RUN_SECONDS" ]; then
    break
  fi
  if [ $(((SECONDS - START) % 30)) -eq 0 ]; then
    say "items so far:"; java -jar "$JAR" show | sed 's/^/    /'
    say "a few anomalies:"; java -jar "$JAR" show data_anomaly --limit 3 | sed 's/^/    /'
  fi
done
