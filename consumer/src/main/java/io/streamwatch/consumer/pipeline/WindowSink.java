package io.streamwatch.consumer.pipeline;

/**
 * Where closed windows go. Implementations must be idempotent (writing the same flush twice leaves
 * the same items) and must return only once everything is durably written.
 */
public interface WindowSink {

    /**
     * Writes the whole flush.
     *
     * @throws SinkException when the writes could not all be completed; nothing may be checkpointed then
     */
    void write(WindowFlush flush) throws SinkException;
}
