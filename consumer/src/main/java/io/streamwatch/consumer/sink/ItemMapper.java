package io.streamwatch.consumer.sink;

import io.streamwatch.consumer.pipeline.WindowEntry;
import io.streamwatch.consumer.window.WindowBounds;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns window entries into table items. Every attribute is derived from the record itself and its
 * window, never from the wall clock, so a replay writes byte-identical items.
 */
public final class ItemMapper {

    /** Raw payloads longer than this are truncated in the dead-letter table (DynamoDB items max 400 KB). */
    public static final int MAX_STORED_PAYLOAD = 64 * 1024;
    private static final int MAX_PREVIEW_CHARS = 1024;

    private ItemMapper() {
    }

    public static ReadingItem reading(WindowEntry.Accepted entry, WindowBounds window) {
        return reading(entry, window, java.util.Optional.empty());
    }

    /**
     * @param timeToLive when present, {@code expiresAt} (epoch seconds, DynamoDB TTL) is set to the arrival time
     *                   plus this, so DynamoDB deletes raw readings after it; derived from the record, so a
     *                   replay writes the same value
     */
    public static ReadingItem reading(WindowEntry.Accepted entry, WindowBounds window,
                                      java.util.Optional<java.time.Duration> timeToLive) {
        ReadingItem item = new ReadingItem();
        timeToLive.ifPresent(ttl -> item.setExpiresAt(
                Math.floorDiv(entry.meta().arrivalMillis(), 1000) + ttl.toSeconds()));
        item.setId(entry.reading().name());
        item.setEventKey(ItemKeys.eventKey(entry.meta()));
        item.setCurrentTemp(entry.reading().temperatureValue());
        item.setStatus(entry.reading().status());
        item.setShardId(entry.meta().shardId());
        item.setSequenceNumber(entry.meta().sequenceNumber());
        item.setSubSequenceNumber(entry.meta().subSequenceNumber());
        item.setArrivalTime(ItemKeys.timestamp(entry.meta().arrivalMillis()));
        item.setWindowStart(ItemKeys.timestamp(window.startMillis()));
        item.setWindowEnd(ItemKeys.timestamp(window.endMillis()));
        return item;
    }

    /**
     * A reading DynamoDB refused to store in {@code table}, as a dead letter: the same key as a record
     * rejected by the decoder (so a replay overwrites it), the reading as CSV for its payload, and the
     * service's reason.
     */
    public static RejectedItem refusedReading(ReadingItem reading, String table, String serviceReason) {
        RejectedItem item = new RejectedItem();
        item.setShardId(reading.getShardId());
        item.setEventKey(reading.getEventKey());
        setPayload(item, (reading.getId() + "," + reading.getCurrentTemp().toPlainString() + "," + reading.getStatus())
                .getBytes(StandardCharsets.UTF_8));
        item.setReason("DynamoDB refused the item for " + table + ": " + serviceReason);
        item.setSequenceNumber(reading.getSequenceNumber());
        item.setSubSequenceNumber(reading.getSubSequenceNumber());
        item.setArrivalTime(reading.getArrivalTime());
        item.setWindowStart(reading.getWindowStart());
        item.setWindowEnd(reading.getWindowEnd());
        return item;
    }

    public static RejectedItem rejected(WindowEntry.Rejected entry, WindowBounds window) {
        RejectedItem item = new RejectedItem();
        item.setShardId(entry.meta().shardId());
        item.setEventKey(ItemKeys.eventKey(entry.meta()));
        setPayload(item, entry.payload());
        item.setReason(entry.reason());
        item.setSequenceNumber(entry.meta().sequenceNumber());
        item.setSubSequenceNumber(entry.meta().subSequenceNumber());
        item.setArrivalTime(ItemKeys.timestamp(entry.meta().arrivalMillis()));
        item.setWindowStart(ItemKeys.timestamp(window.startMillis()));
        item.setWindowEnd(ItemKeys.timestamp(window.endMillis()));
        return item;
    }

    /** The first {@value #MAX_PREVIEW_CHARS} characters, never ending in half a surrogate pair (an emoji, say). */
    static String preview(String text) {
        if (text.length() <= MAX_PREVIEW_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_PREVIEW_CHARS - 1)) ? MAX_PREVIEW_CHARS - 1 : MAX_PREVIEW_CHARS;
        return text.substring(0, end);
    }

    /** The raw bytes (truncated past {@link #MAX_STORED_PAYLOAD}), their readable preview, size and truncation. */
    private static void setPayload(RejectedItem item, byte[] raw) {
        boolean truncated = raw.length > MAX_STORED_PAYLOAD;
        byte[] stored = truncated ? Arrays.copyOf(raw, MAX_STORED_PAYLOAD) : raw;
        String preview = new String(stored, StandardCharsets.UTF_8);
        // DynamoDB rejects empty binary values; an empty record is represented by a missing payload.
        if (stored.length > 0) {
            item.setPayload(ByteBuffer.wrap(stored));
        }
        item.setPayloadText(preview(preview));
        item.setPayloadSize(raw.length);
        item.setPayloadTruncated(truncated);
    }
}
