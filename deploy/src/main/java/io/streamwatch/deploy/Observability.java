package io.streamwatch.deploy;

import static io.streamwatch.deploy.ConsumerBinding.consumerMetric;

import io.streamwatch.consumer.metrics.ConsumerMetrics;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/** The CloudWatch dashboard and the alarms (each described in the README's runbook). */
final class Observability {

    static final String BEHIND_ALARM = "streamwatch-consumer-behind";
    static final String NO_FLUSH_ALARM = "streamwatch-no-windows-flushed";
    static final String WRITE_FAILURE_ALARM = "streamwatch-write-failures";
    static final String REJECTION_ALARM = "streamwatch-rejection-rate";

    private Observability() {
    }

    static void addTo(Construct scope, StackSettings s, Stream stream, FargateService service, List<Table> tables,
                      Topic topic) {
        Metric received = consumerMetric(s, ConsumerMetrics.RECEIVED, "count", "Sum");
        Metric rejected = consumerMetric(s, ConsumerMetrics.REJECTED, "count", "Sum");
        Metric anomalies = consumerMetric(s, ConsumerMetrics.ANOMALIES, "count", "Sum");
        Metric flushed = consumerMetric(s, ConsumerMetrics.WINDOWS_FLUSHED, "count", "Sum");
        Metric writeFailures = consumerMetric(s, ConsumerMetrics.WRITE_FAILURES, "count", "Sum");
        Metric flushLatency = consumerMetric(s, ConsumerMetrics.FLUSH_LATENCY, "avg", "Average");
        Metric flushLatencyMax = consumerMetric(s, ConsumerMetrics.FLUSH_LATENCY, "max", "Maximum");
        Metric buffered = consumerMetric(s, ConsumerMetrics.BUFFERED, "value", "Maximum");
        Metric backpressure = consumerMetric(s, ConsumerMetrics.BACKPRESSURE, "sum", "Sum");
        Metric iteratorAge = stream.metricGetRecordsIteratorAgeMilliseconds(MetricOptions.builder()
                .statistic("Maximum").period(Duration.minutes(1)).build());
        MathExpression behindPerShard = MathExpression.Builder.create()
                .expression("SEARCH('{" + s.metricsNamespace() + ",shard," + ConsumerMetrics.STREAM_TAG + "} MetricName=\""
                        + ConsumerMetrics.MILLIS_BEHIND + ".value\" " + ConsumerMetrics.STREAM_TAG + "=\""
                        + s.streamName() + "\"', 'Maximum', 60)")
                .label("millisBehindLatest per shard")
                .period(Duration.minutes(1))
                .build();
        MathExpression retries = MathExpression.Builder.create()
                .expression("SEARCH('{" + s.metricsNamespace() + ",cause," + ConsumerMetrics.STREAM_TAG + ",table} "
                        + "MetricName=\"" + ConsumerMetrics.WRITE_RETRIES + ".count\"', 'Sum', 60)")
                .label("write retries by table and cause")
                .period(Duration.minutes(1))
                .build();
        List<IMetric> throttles = tables.stream().<IMetric>map(t -> Metric.Builder.create()
                .namespace("AWS/DynamoDB").metricName("WriteThrottleEvents")
                .dimensionsMap(Map.of("TableName", t.getTableName()))
                .statistic("Sum").period(Duration.minutes(1)).build()).toList();

        Dashboard dashboard = Dashboard.Builder.create(scope, "Dashboard")
                .dashboardName("streamwatch-" + s.streamName())
                .build();
        dashboard.addWidgets(
                graph("Records in, anomalies, rejected (per minute)", List.of(received, anomalies, rejected)),
                graph("Windows flushed and abandoned writes", List.of(flushed, writeFailures)),
                graph("Window write latency (ms)", List.of(flushLatency, flushLatencyMax)));
        dashboard.addWidgets(
                graph("Behind the tip: iterator age and millisBehindLatest", List.of(iteratorAge, behindPerShard)),
                graph("Write retries and DynamoDB throttles", concat(List.of(retries), throttles)),
                graph("Worker CPU and memory (%)", List.of(service.metricCpuUtilization(), service.metricMemoryUtilization())),
                graph("Records buffered, not yet written", List.of(buffered)),
                graph("Backpressure: ms shards waited for writes before reading on (per minute)",
                        List.of(backpressure)));

        SnsAction notify = new SnsAction(topic);
        alarm(scope, "BehindAlarm", BEHIND_ALARM, iteratorAge, 60_000, 5, TreatMissingData.NOT_BREACHING,
                "The consumer is more than a minute behind the stream for 5 minutes.", notify);
        alarm(scope, "NoFlushAlarm", NO_FLUSH_ALARM, flushed.with(MetricOptions.builder()
                        .period(Duration.minutes(5)).build()), 1, 2, TreatMissingData.BREACHING,
                "No window was flushed for 10 minutes: workers down, stuck, or no data arriving.", notify,
                ComparisonOperator.LESS_THAN_THRESHOLD);
        alarm(scope, "WriteFailureAlarm", WRITE_FAILURE_ALARM, writeFailures, 1, 1, TreatMissingData.NOT_BREACHING,
                "Window writes were abandoned at shutdown; the records will be replayed, check DynamoDB health.",
                notify);
        MathExpression rejectionRate = MathExpression.Builder.create()
                .expression("IF(received > 0, 100 * rejected / received, 0)")
                // An ordered map: Map.of's order changes from JVM to JVM, and so would the template.
                .usingMetrics(new java.util.TreeMap<>(Map.of("received", received, "rejected", rejected)))
                .label("rejected %")
                .period(Duration.minutes(5))
                .build();
        alarm(scope, "RejectionAlarm", REJECTION_ALARM, rejectionRate, 5, 3, TreatMissingData.NOT_BREACHING,
                "More than 5 % of records were malformed for 15 minutes: a producer is sending a bad format.", notify);
    }

    private static void alarm(Construct scope, String id, String name, IMetric metric, double threshold, int periods,
                              TreatMissingData missing, String description, SnsAction notify) {
        alarm(scope, id, name, metric, threshold, periods, missing, description, notify,
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
    }

    private static void alarm(Construct scope, String id, String name, IMetric metric, double threshold, int periods,
                              TreatMissingData missing, String description, SnsAction notify, ComparisonOperator op) {
        Alarm alarm = Alarm.Builder.create(scope, id)
                .alarmName(name)
                .alarmDescription(description + " Runbook: README, section 'Alarms'.")
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .comparisonOperator(op)
                .treatMissingData(missing)
                .build();
        alarm.addAlarmAction(notify);
        alarm.addOkAction(notify);
    }

    private static IWidget graph(String title, List<? extends IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(List.copyOf(metrics)).width(8).height(6).build();
    }

    private static List<IMetric> concat(List<IMetric> a, List<IMetric> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
