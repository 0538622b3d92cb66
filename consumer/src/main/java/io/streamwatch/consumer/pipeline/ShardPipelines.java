package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.decode.CsvRecordDecoder;
import io.streamwatch.consumer.window.TumblingWindowAssigner;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds each shard's {@link ShardPipeline} the same way for the KCL worker and the file replay: one decoder
 * per shard (decoders keep a per-shard string cache), the shared windows, rule, sink and memory budget.
 * Thread-safe: shards start on the KCL's threads.
 */
public final class ShardPipelines {

    private final Supplier<CsvRecordDecoder> decoders;
    private final TumblingWindowAssigner assigner;
    private final Duration grace;
    private final AnomalyRule rule;
    private final WindowSink sink;
    private final int maxWindowsInFlight;
    private final MemoryBudget budget;

    /**
     * @param decoders           a new decoder for each shard
     * @param maxWindowsInFlight windows a shard may have being written while it reads on; at least 1
     * @param budget             the bytes all shards may buffer together
     */
    public ShardPipelines(Supplier<CsvRecordDecoder> decoders, TumblingWindowAssigner assigner, Duration grace,
                          AnomalyRule rule, WindowSink sink, int maxWindowsInFlight, MemoryBudget budget) {
        this.decoders = Objects.requireNonNull(decoders, "decoders");
        this.assigner = Objects.requireNonNull(assigner, "assigner");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.maxWindowsInFlight = maxWindowsInFlight;
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** A pipeline for {@code shardId} that waits as {@code waits} says. */
    public ShardPipeline create(String shardId, WaitPolicy waits) {
        return new ShardPipeline(shardId, decoders.get(), assigner, grace, rule, sink, maxWindowsInFlight, budget,
                waits);
    }

    public MemoryBudget budget() {
        return budget;
    }
}
