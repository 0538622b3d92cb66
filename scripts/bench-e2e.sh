#!/usr/bin/env bash
# End-to-end benchmark on the local emulators (the same ones scripts/local-run.sh uses):
#  1. the write ceiling: how fast dynalite takes the consumer's items from one client, through the
#     consumer's own sink (`write-ceiling`);
#  2. start-up: a fresh application on a stream holding 200 records: process start -> first record read
#     -> first checkpoint;
#  3. throughput: a stream pre-filled once with N records, then several runs, each a fresh consumer
#     reading it all from TRIM_HORIZON: records/s and items/s from the first read to the last checkpoint,
#     and the ratio to the ceiling; then the same for the second half of the items alone, when the
#     consumer's JVM has compiled its hot code (the ceiling is a warm client's figure too), with the CPU
#     seconds each process used.
# Each stream is pre-filled and left until the 20 s window of its records has closed, so the consumer
# reads and flushes at full speed from its first poll.
#  4. with STEADY_SECONDS=N: a producer at STEADY_RATE records/s (default 400) for N s and one consumer at
#     the tip: its CPU per item over the last third, warm.
# Usage: [SHARDS=2] [STEADY_SECONDS=180] scripts/bench-e2e.sh [records, default 40000] [runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STATE="$ROOT/.local/bench-e2e"
mkdir -p "$STATE"
RECORDS=${1:-40000}
RUNS=${2:-3}
# Shards of the backlog stream; kinesis-local's ingest time grows with the square of the records per shard.
SHARDS=${SHARDS:-2}
# JVM options for the consumer runs only (e.g. to compare JIT settings); none by default, like the Dockerfile.
CONSUMER_JAVA_OPTS=${CONSUMER_JAVA_OPTS:-}
# SPLIT_CPUS=1: dynalite gets core 1 to itself, everything else (this script, kinesis-local, the
# ceiling client, the consumer) shares core 0, for the ceiling and the consumer alike. On AWS the table
# does not share the consumer's CPUs; this keeps the consumer's reading, decoding and JIT from slowing the
# store it is measured against. Off by default: the plain figures are the ones in docs/benchmarks.md.
SPLIT_CPUS=${SPLIT_CPUS:-0}
KINESIS_PORT=${KINESIS_PORT:-4578}
DYNAMODB_PORT=${DYNAMODB_PORT:-8010}
HTTP_PORT=${HTTP_PORT:-8090}
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1
export KINESIS_ENDPOINT="http://127.0.0.1:$KINESIS_PORT" DYNAMODB_ENDPOINT="http://127.0.0.1:$DYNAMODB_PORT"

# shellcheck source=lib/emulators.sh
. "$ROOT/scripts/lib/emulators.sh"
require_free_ports "$KINESIS_PORT" "$DYNAMODB_PORT" "$HTTP_PORT"
CONSUMER_PID=""
cleanup() {
  [ -n "$CONSUMER_PID" ] && kill "$CONSUMER_PID" 2>/dev/null && wait "$CONSUMER_PID" 2>/dev/null || true
  stop_emulators
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build_consumer
start_emulators
if [ "$SPLIT_CPUS" = 1 ]; then
  [ "$(nproc)" -ge 2 ] || { echo "SPLIT_CPUS=1 needs two cores" >&2; exit 2; }
  taskset -a -cp 1 "${EMULATOR_PIDS[0]}" >/dev/null
  taskset -a -cp 0 "${EMULATOR_PIDS[1]}" >/dev/null
  taskset -cp 0 $$ >/dev/null  # this script and everything it starts from now on
  say "CPUs split: dynalite on core 1; kinesis-local, the clients and this script on core 0"
fi

now() { echo "$EPOCHREALTIME"; }
TICKS=$(getconf CLK_TCK)
cpu() { # CPU seconds (user + system) a process has used so far
  awk -v t="$TICKS" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat" 2>/dev/null || echo 0
}
# CPU seconds of a JVM's live threads other than the JIT compiler's (C1/C2 CompilerThread): a warm JVM
# compiles next to nothing, so this is what a short run would cost once warm
cpu_without_jit() {
  awk -v t="$TICKS" '{ o = index($0, "("); c = index($0, ") "); name = substr($0, o + 1, c - o - 1);
    if (name ~ /^C[12] CompilerThre/) next; split(substr($0, c + 2), f, " "); s += f[12] + f[13] }
    END { printf "%.2f", s / t }' /proc/"$1"/task/*/stat 2>/dev/null || echo 0
}
# The CPU seconds of a JVM's live threads by name, numbers dropped (pool-3-thread-7 -> pool-thread-), top 8
cpu_by_thread() {
  awk -v t="$TICKS" '{ o = index($0, "("); c = index($0, ") "); name = substr($0, o + 1, c - o - 1);
    gsub(/[0-9]+/, "", name); split(substr($0, c + 2), f, " "); s[name] += (f[12] + f[13]) / t }
    END { for (n in s) if (s[n] >= 0.01) printf "%.2f %s\n", s[n], n }' /proc/"$1"/task/*/stat 2>/dev/null \
    | sort -rn | head -8 | awk '{ printf "%s%s s %s", (NR > 1 ? ", " : ""), $1, substr($0, index($0, " ") + 1) }
      END { print "" }'
}
cpu_all() {
  echo "$(cpu "$CONSUMER_PID") $(cpu "${EMULATOR_PIDS[0]}") $(cpu "${EMULATOR_PIDS[1]}") $(cpu_without_jit "$CONSUMER_PID")"
}
# Sets RECEIVED CHECKPOINTS WRITTEN BUFFERED from one scrape of /metrics (all 0 while the consumer is
# starting). The poll shares the two cores with what it measures, so it is bash alone: a request for the four
# series only (name[]), no curl, awk or sleep process. Forking curl and awk cost ~12 ms of CPU a sample (a
# tenth of one core at 20 samples a second), and the full scrape ~1 ms more of the consumer's.
METRICS_QUERY="name[]=streamwatch_records_received_total&name[]=streamwatch_checkpoints_total"
METRICS_QUERY+="&name[]=streamwatch_items_written_total&name[]=streamwatch_records_buffered"
scrape_counters() {
  RECEIVED=0 CHECKPOINTS=0 WRITTEN=0 BUFFERED=0
  local line n
  { exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT"; } 2>/dev/null || return 0
  printf 'GET /metrics?%s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$METRICS_QUERY" >&3
  while IFS= read -r -t 2 line <&3; do
    case $line in
      streamwatch_*) printf -v n '%.0f' "${line##* }" ;;  # the value ends the line: 146568.0, or 1.2E7
      *) continue ;;
    esac
    case $line in
      streamwatch_records_received_total*) RECEIVED=$((RECEIVED + n)) ;;
      streamwatch_checkpoints_total*) CHECKPOINTS=$((CHECKPOINTS + n)) ;;
      streamwatch_items_written_total*) WRITTEN=$((WRITTEN + n)) ;;
      streamwatch_records_buffered*) BUFFERED=$((BUFFERED + n)) ;;
    esac
  done
  exec 3<&-
}
# A 50 ms pause without starting a sleep process: read with a timeout from a pipe no one writes to.
exec {PAUSE_FD}<> <(:)
pause() { read -r -t 0.05 -u "$PAUSE_FD" _ || true; }

say "1. write ceiling (consumer's sink, 8 requests in flight, one client; 1 warm-up run, median of 4)"
java -jar "$JAR" write-ceiling --items "$RECORDS" --warmup-runs 1 --runs 4 2>"$STATE/write-ceiling.log" | tee "$STATE/write-ceiling.out"
CEILING=$(awk -F= '/write_ceiling_items_per_second/ {print $2}' "$STATE/write-ceiling.out")
CEILING_CPU=$(awk -F= '/write_ceiling_client_cpu_us_per_item=/ {print $2}' "$STATE/write-ceiling.out")
CEILING_CPU_NO_JIT=$(awk -F= '/write_ceiling_client_cpu_us_per_item_without_jit=/ {print $2}' "$STATE/write-ceiling.out")

# prefill STREAM RECORDS SHARDS: a fresh stream holding RECORDS records; sets EXPECTED (the items they make:
# one in the dump table each, one more in the anomaly table for each anomaly)
prefill() {
  local stream=$1 records=$2 shards=$3 anomalies fill_start=$SECONDS
  java -jar "$JAR" setup --stream "$stream" --shards "$shards" >/dev/null 2>&1
  if ! java -jar "$JAR" produce --stream "$stream" --count "$records" --rate 0 --seed 11 \
      >"$STATE/$stream-produce.out" 2>"$STATE/$stream-produce.log"; then
    echo "pre-filling $stream failed after $((SECONDS - fill_start)) s; see $STATE/$stream-produce.log" >&2
    exit 1
  fi
  anomalies=$(sed -n 's/.*anomalies(>100)=\([0-9]*\).*/\1/p' "$STATE/$stream-produce.out")
  EXPECTED=$((records + anomalies))
  echo "  pre-filled $records records on $shards shards in $((SECONDS - fill_start)) s"
  # Wait until the records' last 20 s window (plus the 2 s grace) has ended in real time; otherwise the
  # consumer rightly waits for it and the figures measure the window, not the consumer.
  local wait_until=$(( ( $(date +%s) / 20 + 1 ) * 20 + 3 ))
  sleep $(( wait_until - $(date +%s) ))
}

# consume STREAM RUN RECORDS: a fresh consumer process (its own application, so a fresh lease table, and its
# own tables) reads the stream from TRIM_HORIZON; prints timings
consume() {
  local stream=$1 run=$2 records=$3 expected=$EXPECTED prefix="${2//-/_}_"
  java -jar "$JAR" setup --stream "$stream" --dump-table "${prefix}data_dump" \
    --anomaly-table "${prefix}data_anomaly" --rejected-table "${prefix}data_rejected" >/dev/null 2>&1
  local t0 first_read="" first_ckpt="" done_at="" cpu_start="" cpu_end="" half_at="" half_written="" cpu_half=""
  t0=$(now)
  # shellcheck disable=SC2086
  java $CONSUMER_JAVA_OPTS -jar "$JAR" run --stream "$stream" --application "$run-app" --initial-position TRIM_HORIZON \
    --kcl-tuning local --http-port "$HTTP_PORT" --dump-table "${prefix}data_dump" \
    --anomaly-table "${prefix}data_anomaly" --rejected-table "${prefix}data_rejected" \
    >"$STATE/$run.log" 2>&1 &
  CONSUMER_PID=$!
  local deadline=$(( $(date +%s) + 600 ))
  while [ -z "$done_at" ]; do
    [ "$EPOCHSECONDS" -gt "$deadline" ] && { echo "timed out; see $STATE/$run.log" >&2; exit 1; }
    kill -0 "$CONSUMER_PID" 2>/dev/null || { echo "consumer died; see $STATE/$run.log" >&2; exit 1; }
    local t
    t=$EPOCHREALTIME
    scrape_counters
    [ -z "$first_read" ] && [ "$RECEIVED" -gt 0 ] && first_read=$t && cpu_start=$(cpu_all)
    [ -z "$first_ckpt" ] && [ "$CHECKPOINTS" -gt 0 ] && first_ckpt=$t
    [ -z "$half_at" ] && [ "$WRITTEN" -ge $((expected / 2)) ] && half_at=$t && half_written=$WRITTEN \
      && cpu_half=$(cpu_all)
    # Done at the last checkpoint: every item written and nothing left buffered (the gauge is set after the
    # checkpoint of the call that released the last window). Before the consumer serves /metrics, BUFFERED
    # reads 0 but WRITTEN does too.
    [ "$WRITTEN" -ge "$expected" ] && [ "$CHECKPOINTS" -gt 0 ] && [ "$BUFFERED" -eq 0 ] \
      && done_at=$t && cpu_end=$(cpu_all)
    pause
  done
  local by_thread
  by_thread=$(cpu_by_thread "$CONSUMER_PID")
  kill -TERM "$CONSUMER_PID"; wait "$CONSUMER_PID" || true; CONSUMER_PID=""
  awk -v r="$records" -v i="$expected" -v t0="$t0" -v fr="$first_read" -v fc="$first_ckpt" -v d="$done_at" \
      -v h="$half_at" -v hw="$half_written" -v c="$CEILING" -v run="$run" 'BEGIN {
    s = d - fr; printf "  %s: %d records (%d items): start->first read %.2f s, start->first checkpoint %.2f s\n", run, r, i, fr - t0, fc - t0;
    if (r < 1000) exit;  # the start-up run: too small for throughput figures
    printf "    whole run (cold JVM), first read->last checkpoint: %.2f s = %.0f records/s, %.0f items/s = %.2f x ceiling\n", s, r / s, i / s, (i / s) / c;
    w = d - h; printf "    second half (warm JVM), %d items in %.2f s = %.0f items/s = %.2f x ceiling\n", i - hw, w, (i - hw) / w, ((i - hw) / w) / c }'
  # CPU seconds each process used (2 cores = 2 CPU-s per second)
  if [ "$records" -ge 1000 ]; then
    echo "$cpu_start $cpu_half $cpu_end" | awk -v i="$expected" -v hw="$half_written" -v cc="$CEILING_CPU" \
        -v cn="$CEILING_CPU_NO_JIT" -v r="$records" '{
      printf "    CPU, whole run: consumer %.2f s (%.0f us/item, %.0f records per CPU-s), dynalite %.2f s, kinesis-local %.2f s\n",
        $9 - $1, ($9 - $1) * 1e6 / i, r / ($9 - $1), $10 - $2, $11 - $3;
      printf "    CPU, second half: consumer %.2f s (%.0f us/item; the ceiling client: %d), dynalite %.2f s, kinesis-local %.2f s\n",
        $9 - $5, ($9 - $5) * 1e6 / (i - hw), cc, $10 - $6, $11 - $7;
      printf "    CPU without the JIT compiler threads: consumer %.0f us/item whole run, %.0f second half; the ceiling client: %d\n",
        ($12 - $4) * 1e6 / i, ($12 - $8) * 1e6 / (i - hw), cn }'
    echo "    consumer CPU by thread since its start (live threads): $by_thread"
  fi
}

say "2. start-up: fresh application, stream with 200 records"
prefill "bench-startup" 200 2
consume "bench-startup" "bench-startup" 200

# One backlog for every run: kinesis-local ingests slowly, and more slowly the more records a shard holds,
# so the pre-fill is the script's longest step. Each run is a fresh consumer with its own lease table and
# output tables, so it reads and writes everything again.
if [ "$RUNS" -gt 0 ]; then
  say "3. throughput: $RUNS runs over one backlog of $RECORDS records ($SHARDS shards, TRIM_HORIZON)"
  prefill "bench-backlog" "$RECORDS" "$SHARDS"
  for run in $(seq 1 "$RUNS"); do
    consume "bench-backlog" "bench-run-$run" "$RECORDS"
  done
fi

# 4. Steady state (STEADY_SECONDS > 0): a producer sends RATE records/s for STEADY_SECONDS while one consumer
# keeps up at the tip; the consumer's CPU per item over the last third, once its JIT has had the first two
# thirds to compile what it runs. The backlog runs above last 5-6 s from a cold JVM; this is the warm figure.
steady() {
  local seconds=$1 rate=$2 stream="bench-steady" prefix="steady_"
  java -jar "$JAR" setup --stream "$stream" --shards "$SHARDS" --dump-table "${prefix}data_dump" \
    --anomaly-table "${prefix}data_anomaly" --rejected-table "${prefix}data_rejected" >/dev/null 2>&1
  # shellcheck disable=SC2086
  java $CONSUMER_JAVA_OPTS -jar "$JAR" run --stream "$stream" --application "steady-app" \
    --initial-position TRIM_HORIZON --kcl-tuning local --http-port "$HTTP_PORT" --dump-table "${prefix}data_dump" \
    --anomaly-table "${prefix}data_anomaly" --rejected-table "${prefix}data_rejected" >"$STATE/steady.log" 2>&1 &
  CONSUMER_PID=$!
  java -jar "$JAR" produce --stream "$stream" --rate "$rate" --duration "${seconds}s" --seed 12 \
    >"$STATE/steady-produce.out" 2>"$STATE/steady-produce.log" &
  local producer=$! start=$SECONDS mark_cpu="" mark_written="" mark_at=""
  while kill -0 "$producer" 2>/dev/null; do
    kill -0 "$CONSUMER_PID" 2>/dev/null || { echo "consumer died; see $STATE/steady.log" >&2; exit 1; }
    if [ -z "$mark_at" ] && [ $((SECONDS - start)) -ge $((seconds * 2 / 3)) ]; then
      scrape_counters; mark_cpu=$(cpu_all); mark_written=$WRITTEN; mark_at=$EPOCHREALTIME
    fi
    pause
  done
  scrape_counters
  local end_cpu end_written=$WRITTEN end_at=$EPOCHREALTIME by_thread
  end_cpu=$(cpu_all)
  by_thread=$(cpu_by_thread "$CONSUMER_PID")
  kill -TERM "$CONSUMER_PID"; wait "$CONSUMER_PID" || true; CONSUMER_PID=""
  echo "$mark_cpu $end_cpu" | awk -v w0="$mark_written" -v w1="$end_written" -v t0="$mark_at" -v t1="$end_at" \
      -v cc="$CEILING_CPU_LAST" -v cn="$CEILING_CPU_NO_JIT_LAST" -v s="$seconds" '{
    items = w1 - w0; printf "  last third of %d s: %d items in %.1f s = %.0f items/s\n", s, items, t1 - t0, items / (t1 - t0);
    printf "    consumer CPU %.2f s = %.0f us/item (the ceiling client, last run: %s); without the JIT threads %.0f us/item (%s)\n",
      $5 - $1, ($5 - $1) * 1e6 / items, cc, ($8 - $4) * 1e6 / items, cn }'
  echo "    consumer CPU by thread since its start (live threads): $by_thread"
}
if [ "${STEADY_SECONDS:-0}" -gt 0 ]; then
  CEILING_CPU_LAST=$(grep '^run ' "$STATE/write-ceiling.out" | tail -1 | sed 's/.*client CPU \([0-9]*\) us\/item.*/\1/')
  CEILING_CPU_NO_JIT_LAST=$(grep '^run ' "$STATE/write-ceiling.out" | tail -1 | sed 's/.*(\([0-9]*\) without.*/\1/')
  say "4. steady state: a producer at ${STEADY_RATE:-400} records/s for $STEADY_SECONDS s, one consumer at the tip"
  steady "$STEADY_SECONDS" "${STEADY_RATE:-400}"
fi
echo "ceiling: $CEILING items/s; machine: $(nproc --all) cores, $(java -version 2>&1 | head -1)"
