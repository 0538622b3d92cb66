package io.streamwatch.consumer.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The longest time any shard goes unread, seen from outside: every 500 ms it reads {@code /status.json} of
 * every running task and notes, per shard, the latest {@code lastBatchAt} any task reports (the last
 * processRecords call; the KCL calls it every poll, even with no records). A shard's unread time at a poll
 * is the time since that instant; the monitor keeps each shard's longest. Until the workers report
 * {@code lastBatchAt}, a shard counts as read at a poll where some task lists it in {@code shards}
 * ({@link #mode()} says which applied).
 */
final class ShardGapMonitor implements AutoCloseable {

    private static final Duration EVERY = Duration.ofMillis(500);

    private final Supplier<List<EcsTask>> tasks;
    private final Map<String, Instant> lastRead = new ConcurrentHashMap<>();
    private final Map<String, Duration> longest = new ConcurrentHashMap<>();
    private final Map<String, Instant> longestEndedAt = new ConcurrentHashMap<>();
    private final AtomicBoolean sawLastBatchAt = new AtomicBoolean();
    private final AtomicBoolean sawPresenceOnly = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts measuring now, for {@code shards}: a shard no task reads counts as unread from now on. */
    ShardGapMonitor(List<String> shards, Supplier<List<EcsTask>> tasks) {
        this.tasks = tasks;
        Instant now = Instant.now();
        shards.forEach(s -> {
            lastRead.put(s, now);
            longest.put(s, Duration.ZERO);
        });
        thread = new Thread(this::run, "shard-gap-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            poll();
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void poll() {
        for (EcsTask task : tasks.get()) {
            Instant polled = Instant.now();
            task.status().ifPresent(status -> {
                for (JsonNode shard : status.path("shards")) {
                    String id = shard.path("shardId").asText();
                    JsonNode lastBatchAt = shard.get("lastBatchAt");
                    Instant read;
                    if (lastBatchAt != null && lastBatchAt.isTextual()) {
                        sawLastBatchAt.set(true);
                        read = Instant.parse(lastBatchAt.asText());
                    } else if (lastBatchAt == null) {
                        sawPresenceOnly.set(true);
                        read = polled;
                    } else {
                        continue; // null: owned, but no batch yet
                    }
                    lastRead.merge(id, read, (a, b) -> a.isAfter(b) ? a : b);
                }
            });
        }
        Instant now = Instant.now();
        lastRead.forEach((shard, read) -> {
            Duration unread = Duration.between(read, now);
            if (unread.compareTo(longest.getOrDefault(shard, Duration.ZERO)) > 0) {
                longest.put(shard, unread);
                longestEndedAt.put(shard, now);
            }
        });
    }

    /** "lastBatchAt", "shard presence in /status.json", or both when the workers disagreed. */
    String mode() {
        if (sawLastBatchAt.get() && sawPresenceOnly.get()) {
            return "mixed: lastBatchAt where reported, else presence in shards";
        }
        return sawLastBatchAt.get() ? "lastBatchAt" : "presence in /status.json shards (no lastBatchAt yet)";
    }

    /** Each shard's longest unread time so far. */
    Map<String, Duration> longestPerShard() {
        return new TreeMap<>(longest);
    }

    /** The longest unread time of any shard so far. */
    Duration longestGap() {
        return longest.values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(longest).forEach((shard, gap) -> text.append(shard).append('=')
                .append(gap.toMillis() / 1000.0).append("s").append(
                        longestEndedAt.containsKey(shard) ? "(ending " + longestEndedAt.get(shard) + ") " : " "));
        return text.toString().strip();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
