package io.streamwatch.consumer.sink;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Creates the output tables when they are missing (local runs and tests; in AWS the stack in
 * {@code deploy/} owns them, with the same key schema).
 */
public final class TableProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TableProvisioner.class);
    private final DynamoDbClient dynamoDb;

    public TableProvisioner(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /** Creates any of the three tables that does not exist and waits until each is active. */
    public void createMissing(TableNames tables) {
        create(tables.dump(), ItemSchemas.READING_PARTITION_KEY);
        create(tables.anomaly(), ItemSchemas.READING_PARTITION_KEY);
        create(tables.rejected(), ItemSchemas.REJECTED_PARTITION_KEY);
    }

    /** Fails with an actionable message when a table is missing. */
    public void requireExisting(TableNames tables) {
        for (String table : List.of(tables.dump(), tables.anomaly(), tables.rejected())) {
            try {
                dynamoDb.describeTable(b -> b.tableName(table));
            } catch (ResourceNotFoundException e) {
                throw new IllegalStateException("DynamoDB table '" + table + "' does not exist: deploy the stack in "
                        + "deploy/, or pass --create-tables for a local run", e);
            }
        }
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
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
    }
}
