package io.streamwatch.consumer.config;

/** Where a new application (empty lease table) starts reading a shard. */
public enum InitialPosition {
    /** Only records put after the consumer first starts. */
    LATEST,
    /** Everything still retained in the stream. */
    TRIM_HORIZON
}
