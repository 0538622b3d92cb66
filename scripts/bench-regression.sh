#!/usr/bin/env bash
# Regression benchmark: generates 100k / 1M / 5M-row CSVs (10 numeric features + label, ~100 bytes a
# row) once, then times the whole process (JVM start, read, fit, print) of the streaming fit, several
# runs each, printing wall seconds, CPU seconds and peak RSS. Usage: scripts/bench-regression.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
DATA=.local/bench
mkdir -p "$DATA"
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time; Debian package 'time')" >&2; exit 1; }

mvn -B -q -ntp -pl regression -am package -DskipTests
JAR=regression/target/streamwatch-regression.jar
JAVA_OPTS=${JAVA_OPTS:--Xmx64m -XX:+UseSerialGC}
FEATURES=x1,x2,x3,x4,x5,x6,x7,x8,x9,x10

for rows in 100000 1000000 5000000; do
  file="$DATA/reg-$rows.csv"
  [ -f "$file" ] || java -jar "$JAR" generate --rows "$rows" --out "$file" >/dev/null
  printf '%s rows (%s MB):\n' "$rows" "$(( $(stat -c %s "$file") / 1000000 ))"
  for run in $(seq 1 "$RUNS"); do
    # shellcheck disable=SC2086
    /usr/bin/time -f "  run $run: wall %e s, cpu %U+%S s, max RSS %M KB" \
      java $JAVA_OPTS -jar "$JAR" fit "$file" --label y --features "$FEATURES" --streaming on >/dev/null
  done
done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
