package io.streamwatch.consumer.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What {@code /health} answers, in one place. The container health check replaces the task after a few
 * failures, so it fails (503) only when a new task would help: the worker is stopping on a fault, the KCL
 * scheduler died, or a shard is stuck in our code (a call that neither returns nor beats; every wait beats).
 * Everything a new task would meet again is {@code 200 degraded: <reasons>}: DynamoDB or Kinesis calls
 * failing with any status (lease table included), no lease held for several failover periods while the
 * stream has open shards, a shard the KCL has stopped calling, a shard behind the tip whose checkpoint does
 * not move, a child shard waiting on its parent, an initialisation that keeps failing.
 *
 * <p>Thread-safe: it only reads its sources, each of which is thread-safe.
 */
public final class WorkerHealth {

    /** A call into our code that neither returns nor beats this long is stuck. */
    public static final Duration STUCK_AFTER = Duration.ofMinutes(2);
    /** The KCL calls every poll, records or not; this long without a call means it cannot read. */
    static final Duration NOT_CALLED_AFTER = Duration.ofMinutes(2);
    /** A shard this far behind the tip... */
    static final Duration BEHIND = Duration.ofMinutes(1);
    /** ...whose checkpoint has not moved for this long is stalled. */
    static final Duration CHECKPOINT_STALLED_AFTER = Duration.ofMinutes(5);
    static final Duration PARENT_WAIT_AFTER = Duration.ofMinutes(2);
    static final Duration INITIALISATION_FAILING_AFTER = Duration.ofMinutes(1);

    /** The answer: {@code healthy} is false only when replacing the task would help. */
    public record Verdict(boolean healthy, String status, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }

        /** The /health body: "ok: ...", "degraded: a; b", or the reason it is unhealthy. */
        public String text(int ownedShards) {
            return switch (status) {
                case "ok" -> "ok: " + ownedShards + " shard(s) owned";
                case "degraded" -> "degraded: " + String.join("; ", reasons);
                default -> String.join("; ", reasons);
            };
        }
    }

    /**
     * The sources: each one thread-safe and cheap to read.
     *
     * @param activity        this worker's shard processors
     * @param tasks           shards held but not started
     * @param writeProblem    DynamoDB writes failing, if they are
     * @param leaseTable      the KCL's lease-table calls
     * @param kinesis         the KCL's Kinesis calls
     * @param openShards      the stream's open shards as last seen; empty when unknown
     * @param noLeasesAfter   how long holding no lease is normal (a few failover periods)
     */
    public record Sources(WorkerActivity activity, ShardTasks tasks, Supplier<Optional<String>> writeProblem,
                          FailureStreak leaseTable, FailureStreak kinesis, Supplier<OptionalInt> openShards,
                          Duration noLeasesAfter) {
        public Sources {
            Objects.requireNonNull(activity, "activity");
            Objects.requireNonNull(tasks, "tasks");
            Objects.requireNonNull(writeProblem, "writeProblem");
            Objects.requireNonNull(leaseTable, "leaseTable");
            Objects.requireNonNull(kinesis, "kinesis");
            Objects.requireNonNull(openShards, "openShards");
            Objects.requireNonNull(noLeasesAfter, "noLeasesAfter");
        }
    }

    private final Sources sources;

    public WorkerHealth(Sources sources) {
        this.sources = sources;
    }

    /**
     * @param fault            why the worker is stopping on its own, if it is
     * @param schedulerRunning whether the KCL scheduler's thread is alive
     */
    public Verdict check(Optional<String> fault, boolean schedulerRunning) {
        if (fault.isPresent()) {
            return new Verdict(false, "unhealthy", List.of("stopping: " + fault.get()));
        }
        if (!schedulerRunning) {
            return new Verdict(false, "unhealthy", List.of("KCL scheduler is not running"));
        }
        List<String> stuck = sources.activity().stuckInCalls(STUCK_AFTER);
        if (!stuck.isEmpty()) {
            return new Verdict(false, "unhealthy", List.of("shards stuck in the consumer's code for over "
                    + STUCK_AFTER.toMinutes() + " min: " + stuck));
        }
        List<String> problems = problems();
        return problems.isEmpty() ? new Verdict(true, "ok", List.of()) : new Verdict(true, "degraded", problems);
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        sources.writeProblem().get().ifPresent(problems::add);
        sources.leaseTable().failing().ifPresent(f -> problems.add("DynamoDB lease table calls failing for "
                + f.duration().toSeconds() + " s (" + f.lastFailure() + "); the KCL renews and takes no leases until"
                + " they succeed"));
        sources.kinesis().failing().ifPresent(f -> problems.add("Kinesis calls failing for "
                + f.duration().toSeconds() + " s (" + f.lastFailure() + ")"));
        sources.activity().idleFor().filter(idle -> idle.compareTo(sources.noLeasesAfter()) > 0).ifPresent(idle -> {
            OptionalInt open = sources.openShards().get();
            if (open.isEmpty() || open.getAsInt() > 0) {
                problems.add("no shard lease held for " + idle.toSeconds() + " s"
                        + (open.isPresent() ? " while the stream has " + open.getAsInt() + " open shard(s)" : ""));
            }
        });
        List<String> notCalled = sources.activity().notCalledFor(NOT_CALLED_AFTER);
        if (!notCalled.isEmpty()) {
            problems.add("no batch from the KCL for over " + NOT_CALLED_AFTER.toMinutes() + " min on " + notCalled);
        }
        List<String> stalled = sources.activity().stalledBehind(BEHIND, CHECKPOINT_STALLED_AFTER);
        if (!stalled.isEmpty()) {
            problems.add("shards over " + BEHIND.toSeconds() + " s behind the tip with no checkpoint for over "
                    + CHECKPOINT_STALLED_AFTER.toMinutes() + " min: " + stalled);
        }
        waiting(problems, ShardTasks.Waiting.ON_PARENT, PARENT_WAIT_AFTER, "waiting for their parent shards to be "
                + "finished (by whichever worker holds them)");
        waiting(problems, ShardTasks.Waiting.INITIALISATION_FAILING, INITIALISATION_FAILING_AFTER,
                "held but not starting: their initialisation keeps failing (see the KCL's errors in the log)");
        return problems;
    }

    private void waiting(List<String> problems, ShardTasks.Waiting why, Duration after, String what) {
        List<Map.Entry<String, Duration>> shards = sources.tasks().waiting(why, after);
        if (!shards.isEmpty()) {
            problems.add("shards " + what + ": " + shards.stream()
                    .map(e -> e.getKey() + " for " + e.getValue().toSeconds() + " s")
                    .collect(Collectors.joining(", ")));
        }
    }
}
