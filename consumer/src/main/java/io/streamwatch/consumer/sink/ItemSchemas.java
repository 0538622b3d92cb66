package io.streamwatch.consumer.sink;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.nio.ByteBuffer;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * Enhanced Client schemas of the output items. Attribute names are spelled once, here; {@code id},
 * {@code currentTemp} and {@code status} keep the original job's names.
 */
public final class ItemSchemas {

    public static final String READING_PARTITION_KEY = "id";
    public static final String REJECTED_PARTITION_KEY = "shardId";
    public static final String SORT_KEY = "eventKey";
    /** DynamoDB TTL attribute of raw readings (epoch seconds), set only with {@code --dump-ttl}. */
    public static final String TTL_ATTRIBUTE = "expiresAt";
    /** Set on a dead letter by {@code replay-rejected} once it is stored as a reading: when, and where. */
    public static final String REPLAYED_AT = "replayedAt";
    public static final String REPLAYED_TO = "replayedTo";

    public static final TableSchema<ReadingItem> READING = StaticTableSchema.builder(ReadingItem.class)
            .newItemSupplier(ReadingItem::new)
            .addAttribute(String.class, a -> a.name(READING_PARTITION_KEY)
                    .getter(ReadingItem::getId).setter(ReadingItem::setId).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(SORT_KEY)
                    .getter(ReadingItem::getEventKey).setter(ReadingItem::setEventKey).tags(primarySortKey()))
            .addAttribute(java.math.BigDecimal.class, a -> a.name("currentTemp")
                    .getter(ReadingItem::getCurrentTemp).setter(ReadingItem::setCurrentTemp))
            .addAttribute(String.class, a -> a.name("status")
                    .getter(ReadingItem::getStatus).setter(ReadingItem::setStatus))
            .addAttribute(String.class, a -> a.name("shardId")
                    .getter(ReadingItem::getShardId).setter(ReadingItem::setShardId))
            .addAttribute(String.class, a -> a.name("sequenceNumber")
                    .getter(ReadingItem::getSequenceNumber).setter(ReadingItem::setSequenceNumber))
            .addAttribute(Long.class, a -> a.name("subSequenceNumber")
                    .getter(ReadingItem::getSubSequenceNumber).setter(ReadingItem::setSubSequenceNumber))
            .addAttribute(String.class, a -> a.name("arrivalTime")
                    .getter(ReadingItem::getArrivalTime).setter(ReadingItem::setArrivalTime))
            .addAttribute(String.class, a -> a.name("windowStart")
                    .getter(ReadingItem::getWindowStart).setter(ReadingItem::setWindowStart))
            .addAttribute(String.class, a -> a.name("windowEnd")
                    .getter(ReadingItem::getWindowEnd).setter(ReadingItem::setWindowEnd))
            .addAttribute(Long.class, a -> a.name(TTL_ATTRIBUTE)
                    .getter(ReadingItem::getExpiresAt).setter(ReadingItem::setExpiresAt))
            .build();

    public static final TableSchema<RejectedItem> REJECTED = StaticTableSchema.builder(RejectedItem.class)
            .newItemSupplier(RejectedItem::new)
            .addAttribute(String.class, a -> a.name(REJECTED_PARTITION_KEY)
                    .getter(RejectedItem::getShardId).setter(RejectedItem::setShardId).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(SORT_KEY)
                    .getter(RejectedItem::getEventKey).setter(RejectedItem::setEventKey).tags(primarySortKey()))
            .addAttribute(ByteBuffer.class, a -> a.name("payload")
                    .getter(RejectedItem::getPayload).setter(RejectedItem::setPayload))
            .addAttribute(String.class, a -> a.name("payloadText")
                    .getter(RejectedItem::getPayloadText).setter(RejectedItem::setPayloadText))
            .addAttribute(Integer.class, a -> a.name("payloadSize")
                    .getter(RejectedItem::getPayloadSize).setter(RejectedItem::setPayloadSize))
            .addAttribute(Boolean.class, a -> a.name("payloadTruncated")
                    .getter(RejectedItem::getPayloadTruncated).setter(RejectedItem::setPayloadTruncated))
            .addAttribute(String.class, a -> a.name("reason")
                    .getter(RejectedItem::getReason).setter(RejectedItem::setReason))
            .addAttribute(String.class, a -> a.name("sequenceNumber")
                    .getter(RejectedItem::getSequenceNumber).setter(RejectedItem::setSequenceNumber))
            .addAttribute(Long.class, a -> a.name("subSequenceNumber")
                    .getter(RejectedItem::getSubSequenceNumber).setter(RejectedItem::setSubSequenceNumber))
            .addAttribute(String.class, a -> a.name("arrivalTime")
                    .getter(RejectedItem::getArrivalTime).setter(RejectedItem::setArrivalTime))
            .addAttribute(String.class, a -> a.name("windowStart")
                    .getter(RejectedItem::getWindowStart).setter(RejectedItem::setWindowStart))
            .addAttribute(String.class, a -> a.name("windowEnd")
                    .getter(RejectedItem::getWindowEnd).setter(RejectedItem::setWindowEnd))
            .addAttribute(String.class, a -> a.name(REPLAYED_AT)
                    .getter(RejectedItem::getReplayedAt).setter(RejectedItem::setReplayedAt))
            .addAttribute(String.class, a -> a.name(REPLAYED_TO)
                    .getter(RejectedItem::getReplayedTo).setter(RejectedItem::setReplayedTo))
            .build();

    private ItemSchemas() {
    }
}
