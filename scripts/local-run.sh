#!/usr/bin/env bash
# One command for the whole thing on local emulators: installs and starts kinesis-local and
# dynalite (DynamoDB) on loopback, creates a 2-shard stream and the tables, then runs a producer at a
# modest rate and the consumer, which logs every window it flushes (with its anomalies).
# Ctrl-C stops everything cleanly: producer, consumer (drains and checkpoints), emulators.
#
# Environment: RATE (records/s, default 20), MALFORMED (fraction, default 0.02), RUN_SECONDS
# (stop by itself after this long; default: run until Ctrl-C), KINESIS_PORT (4568),
# DYNAMODB_PORT (8000), HTTP_PORT (8080: the status page at /, /status.json, /health and /metrics).
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

# shellcheck source=lib/emulators.sh
. "$ROOT/scripts/lib/emulators.sh"
require_free_ports "$KINESIS_PORT" "$DYNAMODB_PORT" "$HTTP_PORT"

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
  stop_emulators
  say "stopped; logs in .local/"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build_consumer
start_emulators

java -jar "$JAR" setup --shards 2

say "starting the consumer (20 s windows; status page, /health and /metrics on :$HTTP_PORT)"
java -jar "$JAR" run --kcl-tuning local --initial-position TRIM_HORIZON --http-port "$HTTP_PORT" &
CONSUMER_PID=$!

say "starting the producer: $RATE records/s, $MALFORMED malformed"
java -jar "$JAR" produce --rate "$RATE" --malformed "$MALFORMED" >"$STATE/producer.log" 2>&1 &
PRODUCER_PID=$!

say "windows flush every 20 s below; Ctrl-C to stop. Status page: http://localhost:$HTTP_PORT/ (also /status.json, /metrics, /health)"
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
