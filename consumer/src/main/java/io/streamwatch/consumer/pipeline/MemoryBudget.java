package io.streamwatch.consumer.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes every shard of a worker may hold in buffered readings, together. Past it, a shard stops reading
 * (its KCL call waits, so the KCL fetches no further for it) until writes free memory: it waits for its own
 * windows being written, and with none in flight it starts writing its oldest open window early, so waiting
 * always ends. What a window buffers is estimated from its columns' arrays ({@link ColumnarEntries#retainedBytes}).
 *
 * <p>Thread-safe: every shard's thread adds and reads it.
 */
public final class MemoryBudget {

    /** The share of the JVM's maximum heap the default budget takes: the rest is for the KCL, SDK and GC. */
    public static final int DEFAULT_HEAP_PERCENT = 40;

    private final long limitBytes;
    private final AtomicLong usedBytes = new AtomicLong();

    /** @param limitBytes at least 1 */
    public MemoryBudget(long limitBytes) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException("a memory budget must be at least 1 byte, got " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    /** No bound: a file replay, and the unit tests that are not about memory. */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    /** {@value #DEFAULT_HEAP_PERCENT} % of {@code maxHeapBytes} ({@code Runtime.maxMemory()}). */
    public static long defaultLimit(long maxHeapBytes) {
        return maxHeapBytes / 100 * DEFAULT_HEAP_PERCENT;
    }

    void add(long bytes) {
        usedBytes.addAndGet(bytes);
    }

    /** True while the shards together hold more than the limit. */
    public boolean exceeded() {
        return usedBytes.get() > limitBytes;
    }

    public long usedBytes() {
        return usedBytes.get();
    }

    public long limitBytes() {
        return limitBytes;
    }
}
