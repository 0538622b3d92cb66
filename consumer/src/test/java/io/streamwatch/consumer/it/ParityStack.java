package io.streamwatch.consumer.it;

import io.streamwatch.consumer.aws.AwsClients;
import io.streamwatch.consumer.config.AwsEndpoints;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * What the deploy stack creates, on a pair of emulators of its own so that the deployed names (stream,
 * lease table, output tables) collide with no other scenario: the stream with the scenario's shard count,
 * and the output tables and the lease table as the template defines them (the deployed worker does not
 * create tables), plus a CloudWatch endpoint for the metrics the task publishes.
 */
final class ParityStack implements AutoCloseable {

    final DeployedTaskDefinition definition;
    final LocalEmulators emulators;
    final StreamFixture fixture;
    final CloudWatchEndpoint cloudWatch;

    private ParityStack(DeployedTaskDefinition definition, LocalEmulators emulators, StreamFixture fixture,
                        CloudWatchEndpoint cloudWatch) {
        this.definition = definition;
        this.emulators = emulators;
        this.fixture = fixture;
        this.cloudWatch = cloudWatch;
    }

    static ParityStack create(String label, DeployedTaskDefinition definition, int shards, long seed) throws Exception {
        LocalEmulators emulators = LocalEmulators.startIndependent(label);
        try {
            StreamFixture fixture = StreamFixture.deployed(emulators, definition.streamName(),
                    definition.applicationName(), definition.tablePrefix(), shards, seed);
            List<CreateTableRequest> tables = new ArrayList<>(definition.outputTables());
            definition.leaseTable().ifPresent(tables::add);
            try (DynamoDbClient dynamoDb = new AwsClients(new AwsEndpoints(LocalEmulators.REGION, Optional.empty(),
                    Optional.of(emulators.dynamoDbEndpoint()), Optional.empty())).dynamoDb(2);
                 DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamoDb).overrideConfiguration(c -> c
                         .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(100)))
                         .waitTimeout(Duration.ofSeconds(30))).build()) {
                tables.forEach(dynamoDb::createTable);
                tables.forEach(t -> waiter.waitUntilTableExists(b -> b.tableName(t.tableName())));
            }
            return new ParityStack(definition, emulators, fixture, new CloudWatchEndpoint());
        } catch (Exception | Error e) {
            emulators.close();
            throw e;
        }
    }

    /** The endpoints a task uses: the emulators (DynamoDB through {@code dynamoDb}, a fault proxy, say). */
    EcsTask.Endpoints endpoints(URI dynamoDb) {
        return new EcsTask.Endpoints(emulators.kinesisEndpoint(), dynamoDb, cloudWatch.endpoint());
    }

    EcsService service(String name, int desiredCount, URI dynamoDb) {
        return new EcsService(name, definition, endpoints(dynamoDb), desiredCount);
    }

    @Override
    public void close() {
        fixture.close();
        cloudWatch.close();
        emulators.close();
    }
}
