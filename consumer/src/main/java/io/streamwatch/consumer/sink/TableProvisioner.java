package io.streamwatch.consumer.sink;

import java.time.Duration;
import java.util.List;
import io.streamwatch.consumer.startup.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates the output tables when they are missing (local runs and tests; in AWS the stack in
 * {@code deploy/} owns them, with the same key schema and TTL). Not thread-safe; used at start-up.
 */
public final class TableProvisioner {

    /**
     * Between two DescribeTable calls while a new table is CREATING. The SDK's default waiter polls every
     * 20 s, which on an emulator (ACTIVE after {@code --createTableMs}) is 20 s lost per table; on AWS a
     * table takes seconds, and 4 calls a second are far below DescribeTable's limit.
     */
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(TableProvisioner.class);
    private final DynamoDbClient dynamoDb;

    public TableProvisioner(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /**
     * Creates any of the three tables that does not exist and waits until each is active.
     *
     * @throws software.amazon.awssdk.core.exception.SdkClientException if a table is not ACTIVE within 5 minutes
     */
    public void createMissing(TableNames tables) {
        // Create all three first, so they become ACTIVE in parallel, then wait for each. An existing table
        // is waited for too: it may be CREATING still, made a moment ago by another worker.
        create(tables.dump(), ItemSchemas.READING_PARTITION_KEY);
        create(tables.anomaly(), ItemSchemas.READING_PARTITION_KEY);
        create(tables.rejected(), ItemSchemas.REJECTED_PARTITION_KEY);
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamoDb)
                .overrideConfiguration(c -> c.backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(POLL_INTERVAL))
                        .waitTimeout(CREATE_TIMEOUT))
                .build()) {
            for (String table : List.of(tables.dump(), tables.anomaly(), tables.rejected())) {
                waiter.waitUntilTableExists(b -> b.tableName(table));
            }
        }
        requireExisting(tables);
    }

    /**
     * Turns on DynamoDB TTL on {@code table}'s {@link ItemSchemas#TTL_ATTRIBUTE} unless it is on already.
     *
     * @return what happened, for one log line; {@link TimeToLiveResult#UNSUPPORTED} when the endpoint does
     *     not implement the TTL API (dynalite, the local emulator, has DescribeTimeToLive but not
     *     UpdateTimeToLive), in which case items still carry the attribute but never expire there
     * @throws DynamoDbException any other refusal, such as a missing {@code dynamodb:UpdateTimeToLive} permission
     */
    public TimeToLiveResult enableTimeToLive(String table) {
        try {
            TimeToLiveStatus status = dynamoDb.describeTimeToLive(b -> b.tableName(table))
                    .timeToLiveDescription().timeToLiveStatus();
            if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
                return TimeToLiveResult.ALREADY_ENABLED;
            }
            dynamoDb.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(
                    s -> s.attributeName(ItemSchemas.TTL_ATTRIBUTE).enabled(true)));
            return TimeToLiveResult.ENABLED;
        } catch (DynamoDbException e) {
            if (e.awsErrorDetails() != null && "UnknownOperationException".equals(e.awsErrorDetails().errorCode())) {
                return TimeToLiveResult.UNSUPPORTED;
            }
            throw e;
        }
    }

    /** The outcome of {@link #enableTimeToLive}. */
    public enum TimeToLiveResult { ENABLED, ALREADY_ENABLED, UNSUPPORTED }

    /**
     * Fails with an actionable message when a table is missing or its key schema is not the one the items
     * need (every item would be refused otherwise, bisected down to single items and dead-lettered).
     *
     * @throws StartupException naming the first missing or mismatched table and the fix
     */
    public void requireExisting(TableNames tables) {
        for (String table : List.of(tables.dump(), tables.anomaly(), tables.rejected())) {
            try {
                requireKeys(tables, table, dynamoDb.describeTable(b -> b.tableName(table)).table());
            } catch (ResourceNotFoundException e) {
                throw new StartupException("DynamoDB table '" + table + "' does not exist: deploy the stack in "
                        + "deploy/, or pass --create-tables / CREATE_TABLES=true for a local run", 2, e);
            }
        }
    }

    /** The keys each table's items carry: a string partition key and the string sort key {@code eventKey}. */
    static List<KeySchemaElement> expectedKeys(TableNames tables, String table) {
        String partitionKey = table.equals(tables.rejected()) ? ItemSchemas.REJECTED_PARTITION_KEY
                : ItemSchemas.READING_PARTITION_KEY;
        return List.of(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(ItemSchemas.SORT_KEY).keyType(KeyType.RANGE).build());
    }

    private static void requireKeys(TableNames tables, String table, TableDescription description) {
        List<KeySchemaElement> expected = expectedKeys(tables, table);
        boolean keysMatch = description.keySchema().size() == expected.size()
                && description.keySchema().containsAll(expected);
        boolean stringKeys = expected.stream().allMatch(key -> description.attributeDefinitions().stream().anyMatch(
                a -> a.attributeName().equals(key.attributeName()) && a.attributeType() == ScalarAttributeType.S));
        if (!keysMatch || !stringKeys) {
            throw new StartupException("DynamoDB table '" + table + "' has the key schema " + describe(description)
                    + ", but the consumer's items need " + expected.get(0).attributeName() + " (HASH, S) and "
                    + expected.get(1).attributeName() + " (RANGE, S): recreate it as the stack in deploy/ defines "
                    + "it, or point --" + option(tables, table) + " at such a table", 2, null);
        }
    }

    private static String option(TableNames tables, String table) {
        return table.equals(tables.dump()) ? "dump-table" : table.equals(tables.anomaly()) ? "anomaly-table"
                : "rejected-table";
    }

    private static String describe(TableDescription description) {
        return description.keySchema().stream().map(k -> k.attributeName() + " (" + k.keyType() + ", "
                + description.attributeDefinitions().stream().filter(a -> a.attributeName().equals(k.attributeName()))
                        .map(a -> a.attributeTypeAsString()).findFirst().orElse("?") + ")")
                .collect(java.util.stream.Collectors.joining(" and "));
    }

    /** Counts a table's items with a paginated COUNT scan (fine for local and moderate tables); 0 if it is missing. */
    public long count(String table) {
        try {
            return dynamoDb.scanPaginator(b -> b.tableName(table).select(Select.COUNT)).stream()
                    .mapToLong(page -> page.count()).sum();
        } catch (ResourceNotFoundException e) {
            return 0;
        }
    }

    private void create(String table, String partitionKey) {
        try {
            dynamoDb.createTable(CreateTableRequest.builder()
                    .tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(
                            KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(ItemSchemas.SORT_KEY).keyType(KeyType.RANGE).build())
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(partitionKey)
                                    .attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(ItemSchemas.SORT_KEY)
                                    .attributeType(ScalarAttributeType.S).build())
                    .build());
            LOG.info("Created DynamoDB table {}", table);
        } catch (ResourceInUseException e) {
            LOG.debug("DynamoDB table {} already exists", table);
        }
    }
}
