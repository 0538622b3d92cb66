#!/usr/bin/env bash
# Regression benchmark, side by side with its peers: generates 100k / 1M / 5M-row CSVs (10 numeric
# features + label, ~100 bytes a row) once, then times the whole process (start, read, fit, print) of, on
# the same file:
#   ours         the README's plain `fit FILE --label y --features x1,...,x10`, default JVM flags
#                (70/30 split: fits the 70 %, evaluates the 30 %);
#   duckdb       scripts/bench/duckdb_ols.py: DuckDB (threads=2) read_csv and one SQL aggregate of the
#                normal equations' sums (n, column sums, X'X, X'y, y'y), solved in numpy: coefficients
#                and standard errors (all rows);
#   statsmodels  scripts/bench/polars_statsmodels_ols.py: polars read_csv, statsmodels
#                OLS(y, add_constant(X)).fit().summary() printed (all rows);
#   parquet      ours again, on the same table written as Parquet by polars (zstd, 1M-row row groups);
#   spark        the Spark 3.5 local[2] job of bench/spark-peer (header, inferSchema, drop null labels,
#                VectorAssembler, randomSplit 0.7/0.3, OLS, summary, test RMSE).
# Prints every run (wall, CPU, max RSS from GNU time), the medians, and each peer's wall over ours, and
# ours over DuckDB's (the target "0.8x DuckDB": ours <= 0.8 x DuckDB's wall).
#
# Usage: scripts/bench-regression.sh [runs]     (default $RUNS, else 3)
#   SIZES="1000000 5000000"   the row counts (default "100000 1000000 5000000")
#   BIG=1      also fits a 50M-row (5 GB) file, ours only, for the memory figure
#   SPARK=0    skip Spark (at 5M the Spark ratio then uses the recorded figure below, and says so)
#   PEERS=0    skip the Python peers (DuckDB, polars + statsmodels)
# The Python peers run in .local/bench-venv (git-ignored), which the script makes and fills from
# scripts/bench/requirements.txt (pinned) when it is missing or the pins changed; nothing of it is part of
# the product's build.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-${RUNS:-3}}
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

# The Python peers' virtual environment, (re)filled only when the pinned requirements changed.
VENV=.local/bench-venv
REQUIREMENTS=scripts/bench/requirements.txt
PEERS_READY=0
if [ "${PEERS:-1}" = 1 ]; then
  if cmp -s "$REQUIREMENTS" "$VENV/requirements.installed" \
     || { { [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"; } \
          && "$VENV/bin/pip" install -q -r "$REQUIREMENTS" \
          && cp "$REQUIREMENTS" "$VENV/requirements.installed"; }; then
    PEERS_READY=1
  else
    echo "the Python peers' environment ($VENV) could not be made; running without DuckDB and statsmodels" >&2
  fi
fi
# Older OpenBLAS builds need these on some processors, and they slow a current numpy: unset for the peers.
PY=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$VENV/bin/python")

# Runs a command RUNS times; prints each run; leaves the median wall seconds in $MEDIAN and peak KB in $PEAK.
measure() {
  local label=$1; shift
  local walls=() peak=0
  for run in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o /tmp/bench-regression.time "$@" >/dev/null 2>/tmp/bench-regression.err \
      || { cat /tmp/bench-regression.err >&2; exit 1; }
    read -r wall user sys rss < /tmp/bench-regression.time
    printf '  %-11s run %d: wall %6.2f s, cpu %6.2f s, max RSS %5d MB\n' "$label" "$run" "$wall" \
      "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
    walls+=("$wall")
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  MEDIAN=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  PEAK=$peak
}

# A peer's median line: NAME WALL RSS_MB [NOTE], with its wall over ours (above 1: ours is faster).
peer_line() {
  printf '  median: %-26s %7.2f s (max RSS %5d MB): %6.2f x ours%s\n' "$1" "$2" "$3" \
    "$(echo "$2 / $ours" | bc -l)" "${4:+ ($4)}"
}

sizes=${SIZES:-"100000 1000000 5000000"}
[ "${BIG:-0}" = 1 ] && sizes="$sizes 50000000"
for rows in $sizes; do
  file="$DATA/reg-$rows.csv"
  [ -f "$file" ] || java -jar "$JAR" generate --rows "$rows" --out "$file" >/dev/null
  printf '%s rows (%s MB):\n' "$rows" "$(( $(stat -c %s "$file") / 1000000 ))"
  measure ours java -jar "$JAR" fit "$file" --label y --features "$FEATURES"
  ours=$MEDIAN ours_rss=$((PEAK / 1024))
  lines=()
  if [ "$rows" != 50000000 ] && [ "$PEERS_READY" = 1 ]; then
    measure duckdb "${PY[@]}" scripts/bench/duckdb_ols.py "$file" y "$FEATURES"
    duckdb=$MEDIAN
    lines+=("$(peer_line "DuckDB (2 threads)" "$duckdb" $((PEAK / 1024)))")
    lines+=("$(printf '  ours / DuckDB: %.3f (target <= 0.8: %s)' "$(echo "$ours / $duckdb" | bc -l)" \
      "$(if [ "$(echo "$ours <= 0.8 * $duckdb" | bc -l)" = 1 ]; then echo met; else echo not met; fi)")")
    measure statsmodels "${PY[@]}" scripts/bench/polars_statsmodels_ols.py "$file" y "$FEATURES"
    lines+=("$(peer_line "polars + statsmodels" "$MEDIAN" $((PEAK / 1024)))")
    # The same table as Parquet (polars' writer: zstd, row groups of 1M rows), fitted by ours.
    parquet="$DATA/reg-$rows.parquet"
    [ -f "$parquet" ] || "${PY[@]}" -c "import polars as pl, sys; pl.read_csv(sys.argv[1]).write_parquet(sys.argv[2], row_group_size=1_000_000)" "$file" "$parquet"
    measure parquet java -jar "$JAR" fit "$parquet" --label y --features "$FEATURES"
    lines+=("$(printf '  %-32s %7.2f s (max RSS %5d MB): Parquet / CSV %.2f' "ours on Parquet ($(( $(stat -c %s "$parquet") / 1000000 )) MB)" \
      "$MEDIAN" $((PEAK / 1024)) "$(echo "$MEDIAN / $ours" | bc -l)")")
  fi
  if [ "$rows" != 50000000 ] && [ "$SPARK_READY" = 1 ]; then
    measure spark "${SPARK_JAVA[@]}" io.streamwatch.bench.SparkOls "$file" y "$FEATURES" 0.7
    lines+=("$(peer_line "Spark local[2]" "$MEDIAN" $((PEAK / 1024)))")
  elif [ "$rows" = 5000000 ]; then
    lines+=("$(peer_line "Spark local[2]" "$RECORDED_SPARK_5M" 0 "RECORDED Spark figure, not measured in this run")")
  fi
  printf '  median: %-26s %7.2f s (max RSS %5d MB)\n' "ours" "$ours" "$ours_rss"
  for line in "${lines[@]}"; do echo "$line"; done
done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), default JVM flags for ours"
if [ "$PEERS_READY" = 1 ]; then
  echo "peers: Python $("$VENV/bin/python" -c 'import sys; print(sys.version.split()[0])')," \
    "$(grep -E '^(duckdb|polars|statsmodels|numpy)==' "$REQUIREMENTS" | tr '\n' ' ')"
fi
