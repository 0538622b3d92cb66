#!/usr/bin/env bash
# The DynamoDB write path's client CPU per item, side by side in one run against one dynalite: the
# consumer's sink writing reading items (write-ceiling) through each of the SDK's sync HTTP clients, and the
# same batches through the Enhanced async API on the Netty client (netty).
# Prints each client's items/s and client CPU per item (median of the measured runs; the JVM's whole CPU:
# writer threads, SDK, HTTP client, compiler, collector).
# Usage: scripts/bench-write-path.sh [items, default 20000] [runs, default 4]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STATE="$ROOT/.local/bench-write-path"
mkdir -p "$STATE"
ITEMS=${1:-20000}
RUNS=${2:-4}
KINESIS_PORT=${KINESIS_PORT:-4598}
DYNAMODB_PORT=${DYNAMODB_PORT:-8030}
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1
export DYNAMODB_ENDPOINT="http://127.0.0.1:$DYNAMODB_PORT" KINESIS_ENDPOINT="http://127.0.0.1:$KINESIS_PORT"
# shellcheck source=lib/emulators.sh
. "$ROOT/scripts/lib/emulators.sh"
require_free_ports "$KINESIS_PORT" "$DYNAMODB_PORT"
trap stop_emulators EXIT
build_consumer
start_emulators
for client in ${CLIENTS:-apache url_connection netty}; do
  say "write-ceiling --http-client $client"
  java -jar "$JAR" write-ceiling --items "$ITEMS" --runs "$RUNS" --http-client "$client" \
    --table-prefix "wp_${client}_" | sed "s/^/  $client: /"
done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), default JVM flags"
