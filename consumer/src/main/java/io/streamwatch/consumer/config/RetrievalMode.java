package io.streamwatch.consumer.config;

/** How the KCL reads the stream. */
public enum RetrievalMode {
    /**
     * GetRecords polling (the default): shares each shard's 2 MB/s and 5 reads/s with every other consumer
     * of the stream, at no extra cost.
     */
    POLLING,
    /**
     * Enhanced fan-out: the KCL registers a stream consumer named after the application and Kinesis pushes
     * records over HTTP/2 (SubscribeToShard), 2 MB/s per shard for this consumer alone and about 70 ms
     * latency, at an extra charge per consumer-shard hour and per GB.
     */
    FANOUT
}
