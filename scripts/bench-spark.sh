#!/usr/bin/env bash
# The regression engine on Spark against Spark MLlib, side by side in one run, on local[2]: the 5M-row x 10
# feature CSV of scripts/bench-regression.sh (generated once with the CLI's `generate`), timed as whole
# processes (JVM and Spark start, read, fit, print) with /usr/bin/time:
#   ours   SparkFit fit FILE --label y --features x1..x10 --master local[2]   (regression-spark's jar on
#          Spark's classpath: header + inferSchema read, count, factor and refinement passes, summary)
#   mllib  bench/spark-peer SparkOls: header + inferSchema read, VectorAssembler, randomSplit 0.7/0.3,
#          LinearRegression(solver=normal).fit, its training summary (R2, RMSE, standard errors), test RMSE
# Prints every run and the medians.
#
# Usage: scripts/bench-spark.sh [runs] [rows]     (default 1 run, 5000000 rows)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-1}
ROWS=${2:-5000000}
DATA=.local/bench
mkdir -p "$DATA"
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time; Debian package 'time')" >&2; exit 1; }

mvn -B -q -ntp -pl regression-spark -am package -DskipTests
FEATURES=x1,x2,x3,x4,x5,x6,x7,x8,x9,x10
file="$DATA/reg-$ROWS.csv"
[ -f "$file" ] || java -jar regression/target/streamwatch-regression.jar generate --rows "$ROWS" --out "$file" >/dev/null

# shellcheck source=lib/spark-peer.sh
. scripts/lib/spark-peer.sh
[ "$SPARK_READY" = 1 ] || { echo "Spark could not be fetched or built: nothing to compare" >&2; exit 1; }
SPARK_CP="$(cat bench/spark-peer/target/classpath.txt)"
OURS=(java $SPARK_OPENS -cp "$SPARK_CP:regression-spark/target/streamwatch-regression-spark.jar"
      io.streamwatch.regression.spark.SparkFit fit "$file" --label y --features "$FEATURES" --master 'local[2]')

measure() {
  local label=$1; shift
  local walls=()
  for run in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o /tmp/bench-spark.time "$@" >/tmp/bench-spark.out 2>/tmp/bench-spark.err \
      || { cat /tmp/bench-spark.err >&2; exit 1; }
    read -r wall user sys rss < /tmp/bench-spark.time
    printf '  %-6s run %d: wall %6.2f s, cpu %6.2f s, max RSS %5d MB\n' "$label" "$run" "$wall" \
      "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
    walls+=("$wall")
  done
  MEDIAN=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
}

printf '%s rows (%s MB), Spark 3.5.6 local[2], %s run(s) each:\n' "$ROWS" "$(( $(stat -c %s "$file") / 1000000 ))" "$RUNS"
measure ours "${OURS[@]}"
ours=$MEDIAN
grep -E "^Rows:|^Residual standard error|^Multiple R-squared" /tmp/bench-spark.out | sed 's/^/    /'
measure mllib "${SPARK_JAVA[@]}" io.streamwatch.bench.SparkOls "$file" y "$FEATURES" 0.7
mllib=$MEDIAN
grep -E "^training rows|^test RMSE" /tmp/bench-spark.out | sed 's/^/    /'
printf 'median wall: regression-spark %.2f s, MLlib LinearRegression (normal + summary) %.2f s, ratio %.2f\n' \
  "$ours" "$mllib" "$(echo "$ours / $mllib" | bc -l)"
