# Sourced by scripts/local-run.sh and scripts/bench-e2e.sh: builds the consumer, installs and starts
# kinesis-local and dynalite (DynamoDB, in memory) on loopback, and stops whatever it started.
# Needs: ROOT, STATE, KINESIS_PORT, DYNAMODB_PORT. Sets: JAR, EMULATOR_PIDS.

say() { printf '\033[1;36m[%s]\033[0m %s\n' "$(basename "$0" .sh)" "$*"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_ports() {
  for port in "$@"; do
    if port_open "$port"; then
      echo "Port $port is already in use (a previous run still going?). Stop it or choose other ports." >&2
      exit 1
    fi
  done
}

build_consumer() {
  say "installing kinesis-local and dynalite (npm ci) and building the consumer (mvn package)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --silent)
  (cd "$ROOT" && mvn -B -q -ntp -pl consumer -am package -DskipTests)
  JAR="$ROOT/consumer/target/streamwatch-consumer.jar"
}

EMULATOR_PIDS=()
start_emulators() {
  say "starting dynalite on :$DYNAMODB_PORT and kinesis-local on :$KINESIS_PORT"
  # In memory; new tables are ACTIVE after 50 ms instead of dynalite's default 500.
  node "$ROOT/scripts/lib/dynalite-server.js" --host 127.0.0.1 --port "$DYNAMODB_PORT" \
    --createTableMs 50 --deleteTableMs 50 --updateTableMs 50 >"$STATE/dynalite.log" 2>&1 &
  EMULATOR_PIDS+=($!)
  KINESIS_MOCK_CERT_PATH="$ROOT/node_modules/kinesis-local/server.json" KINESIS_MOCK_PLAIN_PORT="$KINESIS_PORT" \
    KINESIS_MOCK_TLS_PORT=$((KINESIS_PORT + 1000)) LOG_LEVEL=WARN CREATE_STREAM_DURATION=100ms \
    node "$ROOT/node_modules/kinesis-local/main.js" >"$STATE/kinesis-local.log" 2>&1 &
  EMULATOR_PIDS+=($!)
  for i in $(seq 1 150); do
    port_open "$KINESIS_PORT" && port_open "$DYNAMODB_PORT" && return 0
    sleep 0.2
  done
  echo "emulators did not start; see $STATE/*.log" >&2
  exit 1
}

stop_emulators() {
  if [ "${#EMULATOR_PIDS[@]}" -gt 0 ]; then
    kill "${EMULATOR_PIDS[@]}" 2>/dev/null || true
    wait "${EMULATOR_PIDS[@]}" 2>/dev/null || true
    EMULATOR_PIDS=()
  fi
}
