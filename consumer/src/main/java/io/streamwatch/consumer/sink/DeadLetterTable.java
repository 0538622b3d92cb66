package io.streamwatch.consumer.sink;

import io.streamwatch.consumer.deadletter.DeadLetter;
import io.streamwatch.consumer.deadletter.ReplayDecision;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The dead-letter table as {@code replay-rejected} uses it: read every dead letter, store a replayed one
 * as the reading (and anomaly) it would have been, and mark it replayed. Marking, not deleting: the dead
 * letter stays where an operator finds it, with when and where it went. Not thread-safe; one command.
 */
public final class DeadLetterTable {

    private final DynamoDbClient dynamoDb;
    private final DynamoDbTable<RejectedItem> rejected;
    private final DynamoDbTable<ReadingItem> dump;
    private final DynamoDbTable<ReadingItem> anomaly;
    private final Optional<Duration> dumpTimeToLive;

    public DeadLetterTable(DynamoDbClient dynamoDb, TableNames tables, Optional<Duration> dumpTimeToLive) {
        DynamoDbEnhancedClient client = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
        this.dynamoDb = dynamoDb;
        this.rejected = client.table(tables.rejected(), ItemSchemas.REJECTED);
        this.dump = client.table(tables.dump(), ItemSchemas.READING);
        this.anomaly = client.table(tables.anomaly(), ItemSchemas.READING);
        this.dumpTimeToLive = dumpTimeToLive;
    }

    /** Every dead letter, read page by page (a scan: the table is keyed by shard, not by time or reason). */
    public Stream<DeadLetter> all() {
        return rejected.scan().items().stream().map(DeadLetterTable::deadLetter);
    }

    /** Stores the reading under the keys its record would have had, the same items on every replay. */
    public void store(ReplayDecision.Replay replay) {
        dump.putItem(ItemMapper.reading(replay.reading(), replay.window(), dumpTimeToLive));
        if (replay.anomaly()) {
            anomaly.putItem(ItemMapper.reading(replay.reading(), replay.window()));
        }
    }

    /** Marks the dead letter as replayed into the dump table at {@code when} (ISO-8601). */
    public void markReplayed(DeadLetter letter, String when) {
        dynamoDb.updateItem(b -> b.tableName(rejected.tableName())
                .key(Map.of(ItemSchemas.REJECTED_PARTITION_KEY, AttributeValue.fromS(letter.shardId()),
                        ItemSchemas.SORT_KEY, AttributeValue.fromS(letter.eventKey())))
                .updateExpression("SET #at = :at, #to = :to")
                .expressionAttributeNames(Map.of("#at", ItemSchemas.REPLAYED_AT, "#to", ItemSchemas.REPLAYED_TO))
                .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(when),
                        ":to", AttributeValue.fromS(dump.tableName()))));
    }

    public String tableName() {
        return rejected.tableName();
    }

    private static DeadLetter deadLetter(RejectedItem item) {
        ByteBuffer payload = item.getPayload();
        byte[] bytes = new byte[payload == null ? 0 : payload.remaining()];
        if (payload != null) {
            payload.duplicate().get(bytes);
        }
        return new DeadLetter(item.getShardId(), item.getEventKey(), item.getSequenceNumber(),
                item.getSubSequenceNumber() == null ? 0 : item.getSubSequenceNumber(), item.getArrivalTime(),
                item.getWindowStart(), item.getWindowEnd(), bytes, Boolean.TRUE.equals(item.getPayloadTruncated()),
                item.getReason() == null ? "" : item.getReason(), Optional.ofNullable(item.getReplayedAt()));
    }
}
