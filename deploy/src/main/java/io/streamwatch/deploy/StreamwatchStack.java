package io.streamwatch.deploy;

import io.streamwatch.consumer.sink.ItemSchemas;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Everything the consumer needs in an AWS account: the encrypted stream, the three output tables and the
 * KCL lease table, an ECS Fargate service in private subnets, a least-privilege task role, a log group,
 * a dashboard and alarms.
 */
public final class StreamwatchStack extends Stack {

    public StreamwatchStack(Construct scope, String id, StackProps props, StackSettings s) {
        super(scope, id, props);

        CfnParameter image = CfnParameter.Builder.create(this, "ContainerImage")
                .type("String")
                .description("The consumer image, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/streamwatch-consumer:1.0")
                .build();

        Stream stream = Stream.Builder.create(this, "Readings")
                .streamName(s.streamName())
                .streamMode(s.onDemand() ? StreamMode.ON_DEMAND : StreamMode.PROVISIONED)
                .shardCount(s.onDemand() ? null : s.shardCount())
                .encryption(StreamEncryption.MANAGED)
                .retentionPeriod(Duration.hours(24))
                .build();

        Table dump = outputTable("DumpTable", s.dumpTable(), ItemSchemas.READING_PARTITION_KEY, s.dumpTtlDays() > 0);
        Table anomaly = outputTable("AnomalyTable", s.anomalyTable(), ItemSchemas.READING_PARTITION_KEY, false);
        Table rejected = outputTable("RejectedTable", s.rejectedTable(), ItemSchemas.REJECTED_PARTITION_KEY, false);
        // The KCL's lease table, with the schema the KCL creates, so the task role needs no CreateTable.
        Table leases = Table.Builder.create(this, "LeaseTable")
                .tableName(s.applicationName())
                .partitionKey(Attribute.builder().name("leaseKey").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        Role taskRole = taskRole(s, stream, List.of(dump, anomaly, rejected), leases);

        Vpc vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                .natGateways(1)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        SubnetConfiguration.builder().name("workers").subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                .cidrMask(22).build()))
                .build();
        Cluster cluster = Cluster.Builder.create(this, "Cluster").vpc(vpc)
                .containerInsightsV2(ContainerInsights.ENABLED).build();
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/streamwatch/" + s.applicationName())
                .retention(retention(s.logRetentionDays()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "Task")
                .cpu(s.cpu())
                .memoryLimitMiB(s.memoryMiB())
                .taskRole(taskRole)
                .runtimePlatform(RuntimePlatform.builder().cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX).build())
                .build();
        task.addContainer("consumer", ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromRegistry(image.getValueAsString()))
                .environment(ConsumerBinding.environment(s))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix("consumer").build()))
                // ECS sends SIGTERM, waits this long, then SIGKILL: the consumer's drain deadline plus at least
                // 5 s for its final metrics publish and closing its clients (StackSettings checks it).
                .stopTimeout(Duration.seconds(s.stopTimeoutSeconds()))
                // The image's HEALTHCHECK, the same argv: one bash process (~3 MiB), not a second JVM (~60 MiB).
                .healthCheck(HealthCheck.builder()
                        .command(ConsumerBinding.ecsHealthCheckCommand())
                        .interval(Duration.seconds(30)).timeout(Duration.seconds(10)).retries(3)
                        .startPeriod(Duration.seconds(90))
                        .build())
                .portMappings(List.of(PortMapping.builder().containerPort(ConsumerBinding.OPS_PORT).build()))
                .build());

        FargateService service = FargateService.Builder.create(this, "Service")
                .cluster(cluster)
                .taskDefinition(task)
                .desiredCount(s.desiredTasks())
                // Start new workers before stopping old ones. At 0 % / 100 % ECS stopped every task first, so
                // each deploy left every shard unread for the drain plus a task start (a minute or more).
                // Two versions sharing the lease table is the KCL's normal case (as in any scale-out): a new
                // worker takes its share of the leases from the running ones and resumes from their
                // checkpoints; the worker that loses a lease drops its unwritten buffer without checkpointing,
                // and the new owner replays it into the same items. So the new task reads while the old one
                // still does, and a shard goes unread only between the old worker's drain and the new
                // worker taking that lease. The circuit breaker rolls back a version whose tasks never
                // become healthy; the old tasks keep running meanwhile.
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .assignPublicIp(false)
                .build();
        service.autoScaleTaskCount(EnableScalingProps.builder().minCapacity(s.desiredTasks())
                        .maxCapacity(s.maxTasks()).build())
                .scaleOnCpuUtilization("CpuScaling", CpuUtilizationScalingProps.builder()
                        .targetUtilizationPercent(70)
                        .scaleInCooldown(Duration.minutes(10))
                        .scaleOutCooldown(Duration.minutes(3))
                        .build());

        Topic alarms = Topic.Builder.create(this, "Alarms").displayName("Streamwatch alarms").build();
        s.alarmEmail().ifPresent(email -> alarms.addSubscription(new EmailSubscription(email)));
        Observability.addTo(this, s, stream, service, List.of(dump, anomaly, rejected), alarms);

        CfnOutput.Builder.create(this, "StreamName").value(stream.getStreamName()).build();
        CfnOutput.Builder.create(this, "AlarmTopic").value(alarms.getTopicArn()).build();
        CfnOutput.Builder.create(this, "LogGroup").value(logs.getLogGroupName()).build();
    }

    private Table outputTable(String id, String name, String partitionKey, boolean ttl) {
        Table.Builder builder = Table.Builder.create(this, id)
                .tableName(name)
                .partitionKey(Attribute.builder().name(partitionKey).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(ItemSchemas.SORT_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                // Data outlives the stack: deleting the stack must not delete readings.
                .removalPolicy(RemovalPolicy.RETAIN);
        if (ttl) {
            builder.timeToLiveAttribute(ItemSchemas.TTL_ATTRIBUTE);
        }
        return builder.build();
    }

    /** Only what the consumer calls, on only its resources. */
    private Role taskRole(StackSettings s, Stream stream, List<Table> outputs, Table leases) {
        Role role = Role.Builder.create(this, "TaskRole")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description("Streamwatch consumer: read the stream, write the tables, keep KCL leases, put metrics")
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("ReadStream")
                .actions(List.of("kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards",
                        "kinesis:GetShardIterator", "kinesis:GetRecords"))
                .resources(List.of(stream.getStreamArn()))
                .build());
        if (s.fanOut()) {
            // Enhanced fan-out: register the application's consumer on this stream, and subscribe with it only.
            role.addToPolicy(PolicyStatement.Builder.create()
                    .sid("RegisterFanOutConsumer")
                    .actions(List.of("kinesis:RegisterStreamConsumer", "kinesis:DescribeStreamConsumer"))
                    .resources(List.of(stream.getStreamArn()))
                    .build());
            role.addToPolicy(PolicyStatement.Builder.create()
                    .sid("SubscribeToShard")
                    .actions(List.of("kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"))
                    .resources(List.of(stream.getStreamArn() + "/consumer/" + s.applicationName() + ":*"))
                    .build());
        }
        // The stream is encrypted with the AWS-managed key, which needs no key policy grants.
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("WriteOutputTables")
                .actions(List.of("dynamodb:BatchWriteItem", "dynamodb:PutItem", "dynamodb:DescribeTable"))
                .resources(outputs.stream().map(Table::getTableArn).toList())
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("KclLeases")
                .actions(List.of("dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                        "dynamodb:DeleteItem", "dynamodb:Scan", "dynamodb:Query"))
                .resources(List.of(leases.getTableArn()))
                .build());
        // PutMetricData has no resource ARNs; the namespace condition is what limits it.
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("PutMetrics")
                .actions(List.of("cloudwatch:PutMetricData"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals",
                        Map.of("cloudwatch:namespace", List.of(s.metricsNamespace(), s.applicationName()))))
                .build());
        return role;
    }

    private static RetentionDays retention(int days) {
        for (RetentionDays r : RetentionDays.values()) {
            if (r != RetentionDays.INFINITE && r.name().equals(retentionName(days))) {
                return r;
            }
        }
        throw new IllegalArgumentException("logRetentionDays " + days + " is not a CloudWatch Logs retention "
                + "(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)");
    }

    private static String retentionName(int days) {
        return switch (days) {
            case 1 -> "ONE_DAY";
            case 3 -> "THREE_DAYS";
            case 5 -> "FIVE_DAYS";
            case 7 -> "ONE_WEEK";
            case 14 -> "TWO_WEEKS";
            case 30 -> "ONE_MONTH";
            case 60 -> "TWO_MONTHS";
            case 90 -> "THREE_MONTHS";
            case 180 -> "SIX_MONTHS";
            case 365 -> "ONE_YEAR";
            default -> "";
        };
    }
}
