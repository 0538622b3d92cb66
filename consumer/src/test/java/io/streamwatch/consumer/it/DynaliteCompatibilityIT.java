package io.streamwatch.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.consumer.aws.AwsClients;
import io.streamwatch.consumer.config.AwsEndpoints;
import io.streamwatch.consumer.sink.TableNames;
import io.streamwatch.consumer.sink.TableProvisioner;
import io.streamwatch.consumer.sink.TableProvisioner.TimeToLiveResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The consumer's own table calls against dynalite, the DynamoDB emulator every other test uses: what it
 * implements works as on AWS, and what it lacks (UpdateTimeToLive) is reported, not silently skipped.
 */
class DynaliteCompatibilityIT {

    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void connect() throws Exception {
        LocalEmulators emulators = LocalEmulators.get();
        dynamoDb = new AwsClients(new AwsEndpoints(LocalEmulators.REGION, Optional.empty(),
                Optional.of(emulators.dynamoDbEndpoint()), Optional.empty())).dynamoDb(1);
    }

    @AfterAll
    static void close() {
        dynamoDb.close();
    }

    @Test
    void createdTablesAreActiveWhenCreateMissingReturnsWithoutTheSdkWaitersTwentySecondPolls() {
        TableNames names = new TableNames("compat_dump", "compat_anomaly", "compat_rejected");
        long started = System.nanoTime();
        new TableProvisioner(dynamoDb).createMissing(names);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        for (String table : List.of(names.dump(), names.anomaly(), names.rejected())) {
            assertThat(dynamoDb.describeTable(b -> b.tableName(table)).table().tableStatus())
                    .as(table).isEqualTo(TableStatus.ACTIVE);
        }
        // dynalite keeps each table CREATING for 50 ms; the SDK's default waiter would sleep 20 s after the
        // first CREATING answer. The bound is generous for a loaded machine, and far below 20 s.
        assertThat(took).as("createMissing of three tables").isLessThan(Duration.ofSeconds(10));
        // A second call finds them all and changes nothing.
        new TableProvisioner(dynamoDb).createMissing(names);
        new TableProvisioner(dynamoDb).requireExisting(names);
    }

    @Test
    void timeToLiveIsReportedAsUnsupportedBecauseDynaliteHasNoUpdateTimeToLive() {
        TableNames names = new TableNames("ttl_dump", "ttl_anomaly", "ttl_rejected");
        TableProvisioner tables = new TableProvisioner(dynamoDb);
        tables.createMissing(names);

        assertThat(tables.enableTimeToLive(names.dump())).isEqualTo(TimeToLiveResult.UNSUPPORTED);
    }

    @Test
    void countScansEveryPageAndAMissingTableCountsZero() {
        TableNames names = new TableNames("count_dump", "count_anomaly", "count_rejected");
        TableProvisioner tables = new TableProvisioner(dynamoDb);
        tables.createMissing(names);
        // Items of ~2 KB, so 1 MB scan pages hold fewer than the 700 written and the count spans pages.
        String padding = "x".repeat(2_000);
        for (int i = 0; i < 700; i++) {
            String key = Integer.toString(i);
            dynamoDb.putItem(b -> b.tableName(names.dump()).item(Map.of(
                    "id", AttributeValue.fromS("sensor-" + key), "eventKey", AttributeValue.fromS(key),
                    "padding", AttributeValue.fromS(padding))));
        }

        assertThat(tables.count(names.dump())).isEqualTo(700);
        assertThat(tables.count("no_such_table")).isZero();
    }
}
