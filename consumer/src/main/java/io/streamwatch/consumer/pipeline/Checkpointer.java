package io.streamwatch.consumer.pipeline;

/**
 * Where the pipeline records how far a shard is written: the KCL's checkpointer behind a port with no KCL
 * types. Called on the shard's thread, only with positions every record up to which has been written.
 */
@FunctionalInterface
public interface Checkpointer {

    /**
     * @return true once the position is stored; false if it was not (the lease moved, or retries ran out):
     *         the pipeline then offers a position again with its next call
     */
    boolean checkpoint(RecordPosition position);

    /** Stores nothing: a file replay, or a shard whose end is checkpointed as SHARD_END instead. */
    Checkpointer NONE = position -> false;
}
