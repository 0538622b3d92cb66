package io.streamwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamwatch.consumer.cli.RunCommand;
import io.streamwatch.consumer.metrics.ConsumerMetrics;
import io.streamwatch.consumer.sink.ItemSchemas;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.lang.reflect.Field;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awscdk.App;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The synthesized CloudFormation template, checked offline. */
class StreamwatchStackTest {

    private static Template template;

    static Template synth(StackSettings settings) {
        App app = new App();
        return Template.fromStack(new StreamwatchStack(app, "Test",
                StackProps.builder().synthesizer(new BootstraplessSynthesizer()).build(), settings));
    }

    @BeforeAll
    static void synthesizeOnce() {
        template = synth(StackSettings.DEFAULTS);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> only(String type) {
        Map<String, Map<String, Object>> found = template.findResources(type);
        assertThat(found).hasSize(1);
        return (Map<String, Object>) found.values().iterator().next().get("Properties");
    }

    @Test
    void theStreamIsEncryptedAndProvisionedWithTheConfiguredShards() {
        template.hasResourceProperties("AWS::Kinesis::Stream", Map.of(
                "Name", "sensor-readings",
                "ShardCount", 2,
                "StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis")));
    }

    @Test
    void enhancedFanOutGrantsRegisteringAndSubscribingOnlyWhenChosenAndOnlyForTheApplicationsConsumer() {
        String asJson = template.toJSON().toString();
        assertThat(asJson).doesNotContain("kinesis:SubscribeToShard").doesNotContain("kinesis:RegisterStreamConsumer")
                .doesNotContain("RETRIEVAL_MODE");
        StackSettings d = StackSettings.DEFAULTS;
        Template fanOut = synth(new StackSettings(d.streamName(), d.applicationName(), d.dumpTable(), d.anomalyTable(),
                d.rejectedTable(), d.shardCount(), d.anomalyThreshold(), d.windowLength(), d.metricsNamespace(), d.cpu(),
                d.memoryMiB(), d.desiredTasks(), d.maxTasks(), d.logRetentionDays(), d.dumpTtlDays(),
                d.drainTimeoutSeconds(), d.stopTimeoutSeconds(), d.alarmEmail(), true));
        String fanOutJson = fanOut.toJSON().toString();
        assertThat(fanOutJson).contains("kinesis:RegisterStreamConsumer").contains("kinesis:SubscribeToShard")
                .contains("/consumer/" + d.applicationName() + ":*").contains("RETRIEVAL_MODE");
    }

    @Test
    void zeroShardsMeansOnDemandCapacity() {
        StackSettings d = StackSettings.DEFAULTS;
        Template onDemand = synth(new StackSettings(d.streamName(), d.applicationName(), d.dumpTable(), d.anomalyTable(),
                d.rejectedTable(), 0, d.anomalyThreshold(), d.windowLength(), d.metricsNamespace(), d.cpu(),
                d.memoryMiB(), 1, 4, d.logRetentionDays(), 30, d.drainTimeoutSeconds(), d.stopTimeoutSeconds(),
                Optional.of("ops@example.com"), false));
        onDemand.hasResourceProperties("AWS::Kinesis::Stream",
                Map.of("StreamModeDetails", Map.of("StreamMode", "ON_DEMAND")));
        // With a TTL the dump table expires raw readings, and the consumer is told to set expiresAt.
        onDemand.hasResourceProperties("AWS::DynamoDB::Table", Map.of("TableName", "data_dump",
                "TimeToLiveSpecification", Map.of("AttributeName", ItemSchemas.TTL_ATTRIBUTE, "Enabled", true)));
        onDemand.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions", List.of(
                Match.objectLike(Map.of("Environment", Match.arrayWith(List.of(
                        Map.of("Name", "DUMP_TTL", "Value", "30d"))))))));
        onDemand.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email",
                "Endpoint", "ops@example.com"));
    }

    @Test
    void outputTablesUseTheConsumersKeysOnDemandBillingAndPointInTimeRecovery() {
        for (String[] table : List.of(new String[] {"data_dump", ItemSchemas.READING_PARTITION_KEY},
                new String[] {"data_anomaly", ItemSchemas.READING_PARTITION_KEY},
                new String[] {"data_rejected", ItemSchemas.REJECTED_PARTITION_KEY})) {
            template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                    "TableName", table[0],
                    "KeySchema", List.of(Map.of("AttributeName", table[1], "KeyType", "HASH"),
                            Map.of("AttributeName", ItemSchemas.SORT_KEY, "KeyType", "RANGE")),
                    "BillingMode", "PAY_PER_REQUEST",
                    "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)));
        }
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "Properties", Map.of("TableName", "data_dump"), "DeletionPolicy", "Retain"));
    }

    @Test
    void theLeaseTableHasTheSchemaTheKclCreates() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", "streamwatch-consumer",
                "KeySchema", List.of(Map.of("AttributeName", "leaseKey", "KeyType", "HASH")),
                "BillingMode", "PAY_PER_REQUEST"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTaskSetsOnlyVariablesTheConsumerReadsAndStopsAfterTheDrainDeadline() {
        Map<String, Object> task = only("AWS::ECS::TaskDefinition");
        Map<String, Object> container = ((List<Map<String, Object>>) task.get("ContainerDefinitions")).get(0);
        List<Map<String, String>> env = (List<Map<String, String>>) container.get("Environment");
        Set<String> names = new HashSet<>();
        env.forEach(e -> names.add(e.get("Name")));
        assertThat(consumerEnvironmentVariables()).containsAll(names);
        assertThat(names).contains("STREAM_NAME", "APPLICATION_NAME", "DUMP_TABLE", "ANOMALY_TABLE", "REJECTED_TABLE",
                "CLOUDWATCH_METRICS", "METRICS_NAMESPACE", "LOG_FORMAT", "DRAIN_TIMEOUT", "HTTP_PORT");

        int stopTimeout = (Integer) container.get("StopTimeout");
        String drain = env.stream().filter(e -> e.get("Name").equals("DRAIN_TIMEOUT")).findFirst().orElseThrow().get("Value");
        assertThat(stopTimeout).as("the drain, then the final metrics publish and closing the clients, before SIGKILL")
                .isGreaterThanOrEqualTo(Integer.parseInt(drain.replace("s", "")) + 5);
        // The cheap probe (one bash process, exec form), not a second JVM beside a heap of 75 % of the task.
        Map<String, Object> healthCheck = (Map<String, Object>) container.get("HealthCheck");
        List<String> command = (List<String>) healthCheck.get("Command");
        assertThat(command).isEqualTo(ConsumerBinding.ecsHealthCheckCommand())
                .startsWith("CMD", "timeout", Integer.toString(ConsumerBinding.HEALTH_PROBE_SECONDS), "bash", "-c")
                .hasSize(6).doesNotContain("java");
        assertThat(command.get(5)).contains("/dev/tcp/127.0.0.1/${HTTP_PORT:-" + ConsumerBinding.OPS_PORT + "}",
                "GET /health HTTP/1.0");
        assertThat((Integer) healthCheck.get("Timeout")).isGreaterThan(ConsumerBinding.HEALTH_PROBE_SECONDS);
        assertThat(((Map<String, Object>) container.get("LogConfiguration")).get("LogDriver")).isEqualTo("awslogs");
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void deploymentsStartNewWorkersBeforeStoppingOldOnesAndScalingStopsAtTheShardCount() {
        // 100 % / 200 %: ECS starts the new tasks and waits until they are healthy before it stops an old one,
        // so the shards are never all unread at once (at 0 % / 100 % every deploy stopped all processing).
        template.hasResourceProperties("AWS::ECS::Service", Map.of(
                "LaunchType", "FARGATE",
                "DeploymentConfiguration", Map.of("MinimumHealthyPercent", 100, "MaximumPercent", 200,
                        "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true)),
                "NetworkConfiguration", Map.of("AwsvpcConfiguration", Map.of("AssignPublicIp", "DISABLED"))));
        template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget",
                Map.of("MinCapacity", 1, "MaxCapacity", 2));
        assertThatThrownBy(() -> new StackSettings("s", "app", "a", "b", "c", 2, 100, "20s", "N", 512, 1024, 1, 3, 30, 0,
                25, 30, Optional.empty(), false)).hasMessageContaining("would only add idle workers");
    }

    @Test
    void theStopTimeoutLeavesTheDrainAndTheFinalMetricsPublishTimeBeforeSigkill() {
        StackSettings d = StackSettings.DEFAULTS;
        assertThat(d.stopTimeoutSeconds()).isGreaterThanOrEqualTo(d.drainTimeoutSeconds() + StackSettings.STOP_MARGIN_SECONDS);
        for (int stop : new int[] {25, 29}) {
            assertThatThrownBy(() -> withTimeouts(25, stop))
                    .hasMessageContaining("stopTimeoutSeconds (" + stop + ") must be at least drainTimeoutSeconds (25) + 5")
                    .hasMessageContaining("final metrics publish");
        }
        assertThat(withTimeouts(25, 30).stopTimeoutSeconds()).isEqualTo(30);
        assertThat(withTimeouts(60, 65).stopTimeoutSeconds()).isEqualTo(65);
        assertThatThrownBy(() -> withTimeouts(116, 121)).hasMessageContaining("at most 120");
    }

    private static StackSettings withTimeouts(int drain, int stop) {
        return new StackSettings("s", "app", "a", "b", "c", 2, 100, "20s", "N", 512, 1024, 1, 2, 30, 0,
                drain, stop, Optional.empty(), false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void iamGrantsNoWildcardActionsAndNoWildcardResourcesButNamespacedMetrics() {
        List<Map<String, Object>> statements = new ArrayList<>();
        template.findResources("AWS::IAM::Policy").values().forEach(policy -> statements.addAll(
                (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) policy.get("Properties"))
                        .get("PolicyDocument")).get("Statement")));
        assertThat(statements).isNotEmpty();
        for (Map<String, Object> statement : statements) {
            List<String> actions = asList(statement.get("Action"));
            assertThat(actions).as("statement %s", statement).noneMatch(a -> a.equals("*") || a.endsWith(":*"));
            List<Object> resources = asList(statement.get("Resource"));
            if (resources.contains("*")) {
                assertThat(actions).as("only PutMetricData may use Resource *").containsExactly("cloudwatch:PutMetricData");
                assertThat(statement.get("Condition")).isEqualTo(Map.of("StringEquals",
                        Map.of("cloudwatch:namespace", List.of("Streamwatch", "streamwatch-consumer"))));
            }
        }
        assertThat(statements).anySatisfy(st -> assertThat(asList(st.get("Action")))
                .containsExactlyInAnyOrder("kinesis:DescribeStream", "kinesis:DescribeStreamSummary",
                        "kinesis:ListShards", "kinesis:GetShardIterator", "kinesis:GetRecords"));
        assertThat(statements).noneSatisfy(st -> assertThat(asList(st.get("Action"))).contains("dynamodb:CreateTable"));
    }

    @Test
    void theDashboardShowsTheConsumersMetersAndTheAlarmsNotifyTheTopic() {
        String body = template.findResources("AWS::CloudWatch::Dashboard").values().iterator().next().toString();
        for (String meter : List.of(ConsumerMetrics.RECEIVED + ".count", ConsumerMetrics.REJECTED + ".count",
                ConsumerMetrics.ANOMALIES + ".count", ConsumerMetrics.FLUSH_LATENCY + ".avg",
                ConsumerMetrics.MILLIS_BEHIND + ".value", ConsumerMetrics.WRITE_RETRIES + ".count",
                ConsumerMetrics.BUFFERED + ".value", ConsumerMetrics.BACKPRESSURE + ".sum",
                "GetRecords.IteratorAgeMilliseconds", "WriteThrottleEvents", "CPUUtilization", "MemoryUtilization")) {
            assertThat(body).contains(meter);
        }
        for (String alarm : List.of(Observability.BEHIND_ALARM, Observability.NO_FLUSH_ALARM,
                Observability.WRITE_FAILURE_ALARM, Observability.REJECTION_ALARM)) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", alarm,
                    "AlarmActions", Match.anyValue(), "AlarmDescription", Match.stringLikeRegexp(".*Runbook.*")));
        }
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", Observability.NO_FLUSH_ALARM,
                "TreatMissingData", "breaching", "ComparisonOperator", "LessThanThreshold"));
    }

    /** Every environment variable the consumer's run command reads: the ${env:...} in its option defaults. */
    static Set<String> consumerEnvironmentVariables() {
        Set<String> names = new HashSet<>();
        collectEnvironmentVariables(RunCommand.class, names);
        assertThat(names).contains("STREAM_NAME", "AWS_REGION");
        return names;
    }

    private static void collectEnvironmentVariables(Class<?> type, Set<String> names) {
        Pattern env = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");
        for (Field field : type.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null) {
                Matcher m = env.matcher(option.defaultValue());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            if (field.getAnnotation(Mixin.class) != null) {
                collectEnvironmentVariables(field.getType(), names);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> asList(Object value) {
        return value instanceof List<?> list ? (List<T>) list : List.of((T) value);
    }
}
