#!/usr/bin/env bash
# Consumer benchmarks (docs/benchmarks.md has the results and what bounds them).
#   scripts/bench-consumer.sh file [runs]   the pipeline core over a 5M-record file (generated once)
#   scripts/bench-consumer.sh jmh [name]    JMH microbenchmarks (decoder, windows; WritePath: the write path's CPU)
#   scripts/bench-consumer.sh memory [n]    retained heap per buffered reading (n readings, default 1 M)
#   scripts/bench-consumer.sh e2e [records] [runs]  end to end on the emulators, against the write ceiling
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-file}
DATA=.local/bench
mkdir -p "$DATA"
JAR=consumer/target/streamwatch-consumer.jar

build() { mvn -B -q -ntp -pl consumer -am package -DskipTests; }

case "$MODE" in
  file)
    RUNS=${2:-5}
    build
    FILE="$DATA/readings-5m.csv"
    [ -f "$FILE" ] || java -jar "$JAR" produce --count 5000000 --seed 1 --out "$FILE"
    [ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time)" >&2; exit 1; }
    # No JVM flags by default, as `java -jar` users and the Dockerfile run it; JAVA_OPTS to compare others.
    JAVA_OPTS=${JAVA_OPTS-}
    echo "$(stat -c %s "$FILE") bytes, $(nproc) cores, JAVA_OPTS=$JAVA_OPTS"
    # shellcheck source=lib/spark-peer.sh
    . scripts/lib/spark-peer.sh
    ours=() theirs=()
    for run in $(seq 1 "$RUNS"); do
      # shellcheck disable=SC2086
      /usr/bin/time -f "%e %M" -o /tmp/bench-consumer.time java $JAVA_OPTS -jar "$JAR" process-file "$FILE" \
        | sed 's/^/  /'
      read -r wall rss < /tmp/bench-consumer.time
      printf '  run %d, ours: wall %s s, max RSS %d MB\n' "$run" "$wall" "$((rss / 1024))"
      ours+=("$wall")
      # The same job in Spark 3.5 local[2] (bench/spark-peer SparkWindows), alternating with ours.
      if [ "$SPARK_READY" = 1 ]; then
        /usr/bin/time -f "%e %M" -o /tmp/bench-consumer.time "${SPARK_JAVA[@]}" io.streamwatch.bench.SparkWindows "$FILE" 2>/dev/null \
          | grep -v "^spark wall" | sed 's/^/  spark: /'
        read -r wall rss < /tmp/bench-consumer.time
        printf '  run %d, Spark local[2]: wall %s s, max RSS %d MB\n' "$run" "$wall" "$((rss / 1024))"
        theirs+=("$wall")
      fi
    done
    median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    if [ "$SPARK_READY" = 1 ]; then
      printf 'median: ours %s s, Spark %s s: %.1fx faster (same run)\n' "$(median "${ours[@]}")" \
        "$(median "${theirs[@]}")" "$(echo "$(median "${theirs[@]}") / $(median "${ours[@]}")" | bc -l)"
    else
      printf 'median: ours %s s\n' "$(median "${ours[@]}")"
    fi
    ;;
  memory)
    mvn -B -q -ntp -pl consumer -am test-compile
    mvn -B -q -ntp -pl consumer dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$DATA/test.classpath"
    java -cp "consumer/target/test-classes:consumer/target/classes:$(cat "$DATA/test.classpath")" \
      io.streamwatch.consumer.bench.BufferedReadingMemory "${@:2}"
    ;;
  jmh)
    mvn -B -q -ntp -pl consumer -am test-compile
    mvn -B -q -ntp -pl consumer dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$DATA/test.classpath"
    # An optional first argument not starting with '-' picks benchmarks by name (e.g. WritePath); JMH's
    # own arguments follow.
    PATTERN='io.streamwatch.consumer.bench.*'
    if [ $# -ge 2 ] && [ "${2#-}" = "$2" ]; then PATTERN="io.streamwatch.consumer.bench.*$2.*"; set -- "$1" "${@:3}"; fi
    java -cp "consumer/target/test-classes:consumer/target/classes:$(cat "$DATA/test.classpath")" \
      org.openjdk.jmh.Main "$PATTERN" "${@:2}"
    ;;
  e2e)
    exec ./scripts/bench-e2e.sh "${@:2}"
    ;;
  *)
    echo "usage: $0 file [runs] | jmh [jmh args] | memory [readings] | e2e [records] [runs]" >&2
    exit 2
    ;;
esac
