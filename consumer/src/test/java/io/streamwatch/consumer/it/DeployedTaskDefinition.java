package io.streamwatch.consumer.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * What production runs, read from the files that define it rather than retyped: the CloudFormation template
 * the deploy module synthesizes ({@code deploy/template/Streamwatch.template.json}: the consumer container's
 * environment, health check and stop timeout, the task's memory, the service's deployment configuration,
 * the stream and the tables) and the {@code Dockerfile} (the image's environment, among it the JVM flags in
 * {@code JAVA_TOOL_OPTIONS}, and its entrypoint). Values the template leaves out take ECS's defaults.
 */
record DeployedTaskDefinition(
        Map<String, String> imageEnvironment,
        List<String> entrypoint,
        Map<String, String> environment,
        HealthCheck healthCheck,
        Duration stopTimeout,
        int memoryMiB,
        Deployment deployment,
        int desiredCount,
        String streamName,
        int shardCount,
        List<CreateTableRequest> outputTables,
        Optional<CreateTableRequest> leaseTable) {

    static final Path TEMPLATE = Path.of("deploy/template/Streamwatch.template.json");
    static final Path DOCKERFILE = Path.of("Dockerfile");
    /** Where the image puts the jar; the harness runs the built jar in its place. */
    static final String IMAGE_JAR = "/app/streamwatch-consumer.jar";

    /**
     * A container health check as ECS runs it: {@code CMD} execs the arguments, {@code CMD-SHELL} runs the
     * string with {@code /bin/sh -c}; failures during the start period do not count.
     */
    record HealthCheck(List<String> command, Duration interval, Duration timeout, int retries, Duration startPeriod) {
    }

    /** The service's rolling-update bounds, in percent of the desired count. */
    record Deployment(int minimumHealthyPercent, int maximumPercent) {
        /** The fewest tasks that must stay RUNNING and healthy during a deployment (ECS rounds up). */
        int minimumHealthy(int desired) {
            return (int) Math.ceil(desired * minimumHealthyPercent / 100.0);
        }

        /** The most tasks RUNNING or PENDING during a deployment (ECS rounds down). */
        int maximum(int desired) {
            return (int) Math.floor(desired * maximumPercent / 100.0);
        }
    }

    /** Reads the committed template and the Dockerfile of the project at {@code projectRoot}. */
    static DeployedTaskDefinition read(Path projectRoot) throws IOException {
        JsonNode resources = new ObjectMapper().readTree(projectRoot.resolve(TEMPLATE).toFile()).get("Resources");
        JsonNode task = only(resources, "AWS::ECS::TaskDefinition");
        JsonNode container = consumerContainer(task);
        JsonNode service = only(resources, "AWS::ECS::Service");
        JsonNode stream = only(resources, "AWS::Kinesis::Stream");

        Map<String, String> environment = new LinkedHashMap<>();
        container.path("Environment").forEach(e -> environment.put(e.get("Name").asText(), e.get("Value").asText()));

        JsonNode check = container.get("HealthCheck");
        List<String> command = new ArrayList<>();
        check.get("Command").forEach(c -> command.add(c.asText()));
        HealthCheck healthCheck = new HealthCheck(List.copyOf(command),
                seconds(check, "Interval", 30), seconds(check, "Timeout", 5), check.path("Retries").asInt(3),
                seconds(check, "StartPeriod", 0));

        JsonNode deployment = service.path("Properties").path("DeploymentConfiguration");
        Deployment bounds = new Deployment(deployment.path("MinimumHealthyPercent").asInt(100),
                deployment.path("MaximumPercent").asInt(200));

        String application = environment.getOrDefault("APPLICATION_NAME", "streamwatch-consumer");
        List<String> outputNames = List.of(environment.get("DUMP_TABLE"), environment.get("ANOMALY_TABLE"),
                environment.get("REJECTED_TABLE"));
        List<CreateTableRequest> outputTables = new ArrayList<>();
        CreateTableRequest leaseTable = null;
        for (JsonNode resource : resources) {
            if (resource.get("Type").asText().equals("AWS::DynamoDB::Table")) {
                CreateTableRequest table = createTable(resource.get("Properties"));
                if (outputNames.contains(table.tableName())) {
                    outputTables.add(table);
                } else if (table.tableName().equals(application)) {
                    leaseTable = table;
                }
            }
        }
        if (outputTables.size() != outputNames.size()) {
            throw new IllegalStateException("the template defines " + outputTables.stream()
                    .map(CreateTableRequest::tableName).toList() + ", the task writes " + outputNames);
        }

        String dockerfile = Files.readString(projectRoot.resolve(DOCKERFILE));
        return new DeployedTaskDefinition(imageEnvironment(dockerfile), entrypoint(dockerfile), Map.copyOf(environment),
                healthCheck, Duration.ofSeconds(container.path("StopTimeout").asInt(30)),
                Integer.parseInt(task.get("Properties").get("Memory").asText()), bounds,
                service.path("Properties").path("DesiredCount").asInt(1),
                stream.get("Properties").get("Name").asText(), stream.get("Properties").get("ShardCount").asInt(),
                List.copyOf(outputTables), Optional.ofNullable(leaseTable));
    }

    /** The container's environment: the image's ENV, then the task definition's (which wins, as in ECS). */
    Map<String, String> containerEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(imageEnvironment);
        env.putAll(environment);
        return env;
    }

    String applicationName() {
        return environment.getOrDefault("APPLICATION_NAME", "streamwatch-consumer");
    }

    /** The port the container serves /health on (the task's HTTP_PORT, else the image's). */
    String httpPort() {
        return containerEnvironment().getOrDefault("HTTP_PORT", "8080");
    }

    Duration windowLength() {
        return Duration.parse("PT" + environment.get("WINDOW_LENGTH").toUpperCase());
    }

    /**
     * What the output tables' names have before {@code data_dump}, {@code data_anomaly}, {@code data_rejected}
     * (empty in the stack), for {@link StreamFixture}, which names them that way.
     */
    String tablePrefix() {
        String dump = environment.get("DUMP_TABLE");
        String prefix = dump.substring(0, dump.length() - "data_dump".length());
        if (!dump.endsWith("data_dump") || !environment.get("ANOMALY_TABLE").equals(prefix + "data_anomaly")
                || !environment.get("REJECTED_TABLE").equals(prefix + "data_rejected")) {
            throw new IllegalStateException("the template's tables are not named <prefix>data_dump/_anomaly/_rejected: "
                    + environment);
        }
        return prefix;
    }

    private static JsonNode only(JsonNode resources, String type) {
        List<JsonNode> found = new ArrayList<>();
        resources.forEach(r -> {
            if (r.get("Type").asText().equals(type)) {
                found.add(r);
            }
        });
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + type + " in " + TEMPLATE + ", found " + found.size());
        }
        return found.get(0);
    }

    private static JsonNode consumerContainer(JsonNode task) {
        JsonNode containers = task.get("Properties").get("ContainerDefinitions");
        for (JsonNode c : containers) {
            if (c.path("Essential").asBoolean(true) && c.has("HealthCheck")) {
                return c;
            }
        }
        throw new IllegalStateException("no essential container with a health check in the task definition");
    }

    private static Duration seconds(JsonNode node, String field, int ecsDefault) {
        return Duration.ofSeconds(node.path(field).asInt(ecsDefault));
    }

    private static CreateTableRequest createTable(JsonNode properties) {
        List<KeySchemaElement> keys = new ArrayList<>();
        properties.get("KeySchema").forEach(k -> keys.add(KeySchemaElement.builder()
                .attributeName(k.get("AttributeName").asText()).keyType(k.get("KeyType").asText()).build()));
        List<AttributeDefinition> attributes = new ArrayList<>();
        properties.get("AttributeDefinitions").forEach(a -> attributes.add(AttributeDefinition.builder()
                .attributeName(a.get("AttributeName").asText()).attributeType(a.get("AttributeType").asText()).build()));
        return CreateTableRequest.builder().tableName(properties.get("TableName").asText())
                .billingMode(BillingMode.fromValue(properties.path("BillingMode").asText("PAY_PER_REQUEST")))
                .keySchema(keys).attributeDefinitions(attributes).build();
    }

    // ---- the Dockerfile: only the last (runtime) stage is the image ----

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");

    static Map<String, String> imageEnvironment(String dockerfile) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String instruction : runtimeStage(dockerfile)) {
            if (instruction.startsWith("ENV ")) {
                Matcher m = ENV_PAIR.matcher(instruction.substring(4));
                while (m.find()) {
                    String value = m.group(2);
                    env.put(m.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
                }
            }
        }
        return env;
    }

    /** ENTRYPOINT followed by CMD, both exec form. */
    static List<String> entrypoint(String dockerfile) throws IOException {
        List<String> command = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String keyword : List.of("ENTRYPOINT ", "CMD ")) {
            for (String instruction : runtimeStage(dockerfile)) {
                if (instruction.startsWith(keyword)) {
                    json.readTree(instruction.substring(keyword.length())).forEach(a -> command.add(a.asText()));
                }
            }
        }
        return List.copyOf(command);
    }

    /** The runtime stage's instructions, each on one line (continuations joined, comments dropped). */
    private static List<String> runtimeStage(String dockerfile) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            instructions.add(current.toString().replaceAll("\\s+", " ").strip());
            current.setLength(0);
        }
        int lastFrom = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        return instructions.subList(lastFrom, instructions.size());
    }
}
