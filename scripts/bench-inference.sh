#!/usr/bin/env bash
# Issue 27's timing: the clustered and HAC covariances and the influence file on the benchmark panel,
# generated once by the CLI's generate command (the 10 features and label of scripts/bench-regression.sh, plus
# a cluster g of 1,000 and a period t of 50): the plain fit, --cov HC1, --cov cluster --groups g, two-way
# --groups g,t, --cov HAC --maxlags 10, --influence FILE and --hypothesis, each the whole process (JVM start,
# read, fit, print) with default JVM flags; then the two-way fit and the influence file again in a 128 MB heap.
# Prints every run and the medians; 1 M and 5 M rows, so that memory can be seen not to grow with the rows.
#
# Usage: scripts/bench-inference.sh [runs]     (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
DATA=.local/bench
mkdir -p "$DATA"
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time; Debian package 'time')" >&2; exit 1; }

mvn -B -q -ntp -pl regression -am package -DskipTests
JAR=regression/target/streamwatch-regression.jar
FEATURES=x1,x2,x3,x4,x5,x6,x7,x8,x9,x10

measure() {
  local label=$1; shift
  local walls=() peak=0
  for run in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o /tmp/bench-inference.time "$@" >/tmp/bench-inference.out \
      2>/tmp/bench-inference.err || { cat /tmp/bench-inference.err >&2; exit 1; }
    read -r wall user sys rss < /tmp/bench-inference.time
    printf '  %-28s run %d: wall %6.2f s, cpu %6.2f s, max RSS %5d MB\n' "$label" "$run" "$wall" \
      "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
    walls+=("$wall")
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  printf '  %-28s median %6.2f s, max RSS %d MB\n' "$label" \
    "$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" "$((peak / 1024))"
}

for rows in 1000000 5000000; do
  file="$DATA/panel-$rows.csv"
  [ -f "$file" ] || java -jar "$JAR" generate --rows "$rows" --clusters 1000 --periods 50 --out "$file" >/dev/null
  printf '%s rows (%s MB), 1,000 clusters x 50 periods:\n' "$rows" "$(( $(stat -c %s "$file") / 1000000 ))"
  fit=(java -jar "$JAR" fit "$file" --label y --features "$FEATURES")
  measure "fit" "${fit[@]}"
  measure "--cov HC1" "${fit[@]}" --cov HC1
  measure "--cov cluster --groups g" "${fit[@]}" --cov cluster --groups g
  measure "--groups g,t (two-way)" "${fit[@]}" --cov cluster --groups g,t
  measure "--cov HAC --maxlags 10" "${fit[@]}" --cov HAC --maxlags 10
  measure "--influence" "${fit[@]}" --influence "$DATA/influence.csv"
  measure "cluster + hypothesis + infl." "${fit[@]}" --cov cluster --groups g --hypothesis "x1 = x2, x3 = 3" \
    --influence "$DATA/influence.csv"
  # Memory flat in the rows: the same work in a heap of 128 MB at 1 M and at 5 M rows.
  small=(java -Xmx128m -jar "$JAR" fit "$file" --label y --features "$FEATURES")
  measure "two-way, -Xmx128m" "${small[@]}" --cov cluster --groups g,t
  measure "--influence, -Xmx128m" "${small[@]}" --influence "$DATA/influence.csv"
done
rm -f "$DATA/influence.csv"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), default JVM flags"
