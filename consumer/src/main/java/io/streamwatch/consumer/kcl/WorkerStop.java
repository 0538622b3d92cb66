package io.streamwatch.consumer.kcl;

/**
 * Stops the whole worker on a fault that no retry fixes: a table it cannot write, or an unexpected
 * exception on a shard. The worker drains what it can and exits 1, so its leases move and the shards are
 * replayed from their checkpoints. Thread-safe and idempotent: the first reason is the one reported.
 */
@FunctionalInterface
public interface WorkerStop {
    void stop(String reason);
}
