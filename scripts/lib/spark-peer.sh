# Sourced by the benchmark scripts: builds bench/spark-peer (Spark 3.5.6, outside the product) and runs
# one of its jobs. Sets SPARK_READY=1 when it built, and SPARK_JAVA: the java command line before a job's
# class name ("${SPARK_JAVA[@]}" io.streamwatch.bench.SparkOls ARGS...), usable under /usr/bin/time.
SPARK_READY=0
if [ "${SPARK:-1}" = 1 ]; then
  if mvn -B -q -ntp -f bench/spark-peer/pom.xml package >/dev/null 2>&1; then
    SPARK_READY=1
  else
    echo "Spark could not be fetched or built; the ratio uses a recorded Spark figure" >&2
  fi
fi
# Spark 3.5 on Java 17 needs these opens (as spark-submit passes them).
SPARK_OPENS=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  SPARK_OPENS="$SPARK_OPENS --add-opens=java.base/$p=ALL-UNNAMED"
done
SPARK_JAVA=()
if [ "$SPARK_READY" = 1 ]; then
  # shellcheck disable=SC2206
  SPARK_JAVA=(java $SPARK_OPENS -cp "$(cat bench/spark-peer/target/classpath.txt):bench/spark-peer/target/classes")
fi
