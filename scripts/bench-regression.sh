#!/usr/bin/env bash
# Regression benchmark, side by side with the peer: generates 100k / 1M / 5M-row CSVs (10 numeric features
# + label, ~100 bytes a row) once, then times the whole process (JVM start, read, fit, print) of the
# README's plain `fit` with default JVM flags, and of the Spark 3.5 local[2] job that fits the same file
# (bench/spark-peer: header, inferSchema, drop null labels, VectorAssembler, randomSplit 0.7/0.3, OLS,
# summary, test RMSE). Prints every run, the medians and the ratio.
#
# Usage: scripts/bench-regression.sh [runs]     (default 3)
#   BIG=1      also fits a 50M-row (5 GB) file, ours only, for the memory figure
#   SPARK=0    skip Spark (the ratio then uses the recorded figure below, and says so)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
DATA=.local/bench
mkdir -p "$DATA"
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time; Debian package 'time')" >&2; exit 1; }
# The Spark figure of docs/benchmarks.md (5M rows, median of 3), used only when Spark cannot run here.
RECORDED_SPARK_5M=43.1

mvn -B -q -ntp -pl regression -am package -DskipTests
JAR=regression/target/streamwatch-regression.jar
FEATURES=x1,x2,x3,x4,x5,x6,x7,x8,x9,x10

# shellcheck source=lib/spark-peer.sh
. scripts/lib/spark-peer.sh

# Runs a command RUNS times; prints each run; leaves the median wall seconds in $MEDIAN and peak KB in $PEAK.
measure() {
  local label=$1; shift
  local walls=() peak=0
  for run in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o /tmp/bench-regression.time "$@" >/dev/null 2>/tmp/bench-regression.err \
      || { cat /tmp/bench-regression.err >&2; exit 1; }
    read -r wall user sys rss < /tmp/bench-regression.time
    printf '  %-6s run %d: wall %6.2f s, cpu %6.2f s, max RSS %5d MB\n' "$label" "$run" "$wall" \
      "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
    walls+=("$wall")
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  MEDIAN=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  PEAK=$peak
}

sizes="100000 1000000 5000000"
[ "${BIG:-0}" = 1 ] && sizes="$sizes 50000000"
for rows in $sizes; do
  file="$DATA/reg-$rows.csv"
  [ -f "$file" ] || java -jar "$JAR" generate --rows "$rows" --out "$file" >/dev/null
  printf '%s rows (%s MB):\n' "$rows" "$(( $(stat -c %s "$file") / 1000000 ))"
  measure ours java -jar "$JAR" fit "$file" --label y --features "$FEATURES"
  ours=$MEDIAN ours_rss=$((PEAK / 1024))
  if [ "$rows" = 100000 ] || [ "$rows" = 50000000 ]; then
    printf '  median: ours %.2f s (max RSS %d MB)\n' "$ours" "$ours_rss"
    continue
  fi
  if [ "$SPARK_READY" = 1 ]; then
    measure spark "${SPARK_JAVA[@]}" io.streamwatch.bench.SparkOls "$file" y "$FEATURES" 0.7
    spark=$MEDIAN spark_rss=$((PEAK / 1024)) note="same run"
  elif [ "$rows" = 5000000 ]; then
    spark=$RECORDED_SPARK_5M spark_rss=0 note="RECORDED Spark figure, not measured in this run"
  else
    printf '  median: ours %.2f s (max RSS %d MB)\n' "$ours" "$ours_rss"
    continue
  fi
  printf '  median: ours %.2f s (max RSS %d MB), Spark local[2] %.2f s (max RSS %d MB): %.1fx faster (%s)\n' \
    "$ours" "$ours_rss" "$spark" "$spark_rss" "$(echo "$spark / $ours" | bc -l)" "$note"
done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), default JVM flags for ours"
