package io.streamwatch.consumer.sink;

import java.nio.ByteBuffer;

/**
 * A record that did not decode, as stored in {@code data_rejected}: partition key {@code shardId}, sort
 * key {@code eventKey}. The raw bytes are kept exactly (binary attribute) so an operator can replay or
 * fix them; {@code payloadText} is a readable preview.
 */
public final class RejectedItem {
    private String shardId;
    private String eventKey;
    private ByteBuffer payload;
    private String payloadText;
    private Integer payloadSize;
    private Boolean payloadTruncated;
    private String reason;
    private String sequenceNumber;
    private Long subSequenceNumber;
    private String arrivalTime;
    private String windowStart;
    private String windowEnd;
    private String replayedAt;
    private String replayedTo;

    public String getShardId() { return shardId; }
    public void setShardId(String shardId) { this.shardId = shardId; }
    public String getEventKey() { return eventKey; }
    public void setEventKey(String eventKey) { this.eventKey = eventKey; }
    public ByteBuffer getPayload() { return payload; }
    public void setPayload(ByteBuffer payload) { this.payload = payload; }
    public String getPayloadText() { return payloadText; }
    public void setPayloadText(String payloadText) { this.payloadText = payloadText; }
    public Integer getPayloadSize() { return payloadSize; }
    public void setPayloadSize(Integer payloadSize) { this.payloadSize = payloadSize; }
    public Boolean getPayloadTruncated() { return payloadTruncated; }
    public void setPayloadTruncated(Boolean payloadTruncated) { this.payloadTruncated = payloadTruncated; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getSequenceNumber() { return sequenceNumber; }
    public void setSequenceNumber(String sequenceNumber) { this.sequenceNumber = sequenceNumber; }
    public Long getSubSequenceNumber() { return subSequenceNumber; }
    public void setSubSequenceNumber(Long subSequenceNumber) { this.subSequenceNumber = subSequenceNumber; }
    public String getArrivalTime() { return arrivalTime; }
    public void setArrivalTime(String arrivalTime) { this.arrivalTime = arrivalTime; }
    public String getWindowStart() { return windowStart; }
    public void setWindowStart(String windowStart) { this.windowStart = windowStart; }
    public String getWindowEnd() { return windowEnd; }
    public void setWindowEnd(String windowEnd) { this.windowEnd = windowEnd; }
    public String getReplayedAt() { return replayedAt; }
    public void setReplayedAt(String replayedAt) { this.replayedAt = replayedAt; }
    public String getReplayedTo() { return replayedTo; }
    public void setReplayedTo(String replayedTo) { this.replayedTo = replayedTo; }
}
