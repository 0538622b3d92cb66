package io.streamwatch.consumer.sink;

/**
 * A reading as stored in {@code data_dump} and {@code data_anomaly}. Partition key {@code id} (the name,
 * as in the original job), sort key {@code eventKey} ({@link ItemKeys#eventKey}). A mutable bean only
 * because the Enhanced Client maps beans; nothing outside this package sees it.
 */
public final class ReadingItem {
    private String id;
    private String eventKey;
    private java.math.BigDecimal currentTemp;
    private String status;
    private String shardId;
    private String sequenceNumber;
    private Long subSequenceNumber;
    private String arrivalTime;
    private String windowStart;
    private String windowEnd;
    private Long expiresAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getEventKey() { return eventKey; }
    public void setEventKey(String eventKey) { this.eventKey = eventKey; }
    public java.math.BigDecimal getCurrentTemp() { return currentTemp; }
    public void setCurrentTemp(java.math.BigDecimal currentTemp) { this.currentTemp = currentTemp; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getShardId() { return shardId; }
    public void setShardId(String shardId) { this.shardId = shardId; }
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
    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }
}
