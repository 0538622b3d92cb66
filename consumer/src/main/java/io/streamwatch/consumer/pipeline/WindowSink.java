package io.streamwatch.consumer.pipeline;

import java.util.concurrent.CompletableFuture;

/**
 * Where closed windows go. Implementations must be idempotent (writing the same flush twice leaves the
 * same items), and may write several windows at once, in any order.
 */
public interface WindowSink {

    /**
     * Starts writing the whole flush and returns without waiting for it, so the shard can read on while
     * its windows are written.
     *
     * @return completes once every item is durably written; completes exceptionally, with a
     *         {@link SinkException}, when the writes could not all be completed, and nothing past the
     *         window may be checkpointed then. The caller cancels it when the window is dropped (lease
     *         lost); the sink may then skip the writes it has not started.
     */
    CompletableFuture<Void> write(WindowFlush flush);
}
