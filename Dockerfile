# syntax=docker/dockerfile:1
# The consumer service image. Build: docker build -t streamwatch-consumer .
# Kept honest by deploy/src/test/java/.../DockerfileTest (no Docker engine on the build machines).

# ---- build stage: Maven and a full JDK, discarded afterwards ----
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
# Module poms first, so dependency downloads are cached until a pom changes.
COPY pom.xml ./
COPY consumer/pom.xml consumer/
COPY regression/pom.xml regression/
COPY deploy/pom.xml deploy/
RUN mvn -B -q -ntp -pl consumer -am dependency:go-offline
COPY consumer/src consumer/src
RUN mvn -B -q -ntp -o -pl consumer -am package -DskipTests

# ---- runtime stage: JRE only, no build tools, no sources ----
FROM eclipse-temurin:17-jre-jammy
RUN groupadd --system --gid 10001 streamwatch \
 && useradd --system --uid 10001 --gid streamwatch --home-dir /app --shell /usr/sbin/nologin streamwatch
WORKDIR /app
COPY --from=build /src/consumer/target/streamwatch-consumer.jar /app/streamwatch-consumer.jar
USER 10001:10001
# Heap follows the container's memory limit; an OOM ends the task so ECS replaces it.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    HTTP_PORT=8080 \
    LOG_FORMAT=JSON
EXPOSE 8080
# GET /health from one bash process over /dev/tcp (~3 MiB; a JVM here cost ~60 MiB beside a heap of 75 % of
# the memory); exec form, as /bin/sh is dash, which has no /dev/tcp. It ends itself within 5 s. The same argv
# as the task definition's (deploy/.../ConsumerBinding.healthProbe; DockerfileTest compares them). By hand:
# `java -jar /app/streamwatch-consumer.jar health`.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["timeout", "5", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${HTTP_PORT:-8080} || exit 1; printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3; read -r -t 4 -d '' response <&3; [[ $response == 'HTTP/1.'?' 200 '* ]] && exit 0; echo \"${response:-no answer in 4 s}\"; exit 1"]
# Exec form: the JVM is PID 1 and receives SIGTERM itself, so `docker stop` / ECS drains and checkpoints.
ENTRYPOINT ["java", "-jar", "/app/streamwatch-consumer.jar"]
CMD ["run"]
