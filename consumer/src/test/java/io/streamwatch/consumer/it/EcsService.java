package io.streamwatch.consumer.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ECS service of the deployed task definition on this host: it keeps {@code desiredCount} tasks running,
 * starting a new task whenever one stops that the service did not stop itself (it crashed, was killed, or
 * failed its health checks), and rolls a deployment the way the template's deployment configuration lets
 * ECS: never more than {@code MaximumPercent} of the desired count running, never fewer than
 * {@code MinimumHealthyPercent} healthy.
 */
final class EcsService implements AutoCloseable {

    /** Something the service did, for the report. */
    record Event(Instant at, String what) {
        @Override
        public String toString() {
            return at + " " + what;
        }
    }

    private final String name;
    private final DeployedTaskDefinition definition;
    private final EcsTask.Endpoints endpoints;
    private final int desiredCount;
    private final List<EcsTask> tasks = new CopyOnWriteArrayList<>();
    private final Set<EcsTask> stoppedByService = ConcurrentHashMap.newKeySet();
    private final List<EcsTask.Stopped> replaced = new CopyOnWriteArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private volatile boolean active = true;

    EcsService(String name, DeployedTaskDefinition definition, EcsTask.Endpoints endpoints, int desiredCount) {
        this.name = name;
        this.definition = definition;
        this.endpoints = endpoints;
        this.desiredCount = desiredCount;
    }

    /** Starts {@code desiredCount} tasks. */
    EcsService start() {
        for (int i = 0; i < desiredCount; i++) {
            launch("service created");
        }
        return this;
    }

    private synchronized EcsTask launch(String why) {
        EcsTask task;
        try {
            task = EcsTask.start(name + "-task" + started.incrementAndGet(), definition, endpoints);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start a task", e);
        }
        tasks.add(task);
        event("started " + task.name + " (" + why + "; memory: " + task.memory().mode() + ")");
        task.stopped().thenAccept(stopped -> onStopped(task, stopped));
        return task;
    }

    private void onStopped(EcsTask task, EcsTask.Stopped stopped) {
        event("stopped " + task.name + ": exit " + stopped.exitCode() + ", " + stopped.reason()
                + (stopped.killedAtStopTimeout() ? ", SIGKILL at the stop timeout" : ""));
        if (active && !stoppedByService.contains(task)) {
            replaced.add(stopped);
            launch("replacing " + task.name);
        }
    }

    /** Every task this service has started, in order. */
    List<EcsTask> tasks() {
        return List.copyOf(tasks);
    }

    List<EcsTask> running() {
        return tasks.stream().filter(EcsTask::running).toList();
    }

    /** The tasks the service had to replace (crashed, killed, or failed their health checks), with how they ended. */
    List<EcsTask.Stopped> replacedTasks() {
        return List.copyOf(replaced);
    }

    /** Tasks that failed their health checks. */
    List<EcsTask> unhealthyTasks() {
        return tasks.stream().filter(t -> t.unhealthyAt().isPresent()).toList();
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    /** Waits until {@code count} tasks run and have passed a health check. */
    void awaitHealthy(int count, Duration timeout) throws InterruptedException {
        Poll.until(count + " healthy task(s) of " + name, timeout, () -> running().stream()
                .filter(t -> t.health() == EcsTask.Health.HEALTHY).count() >= count, () -> "tasks " + tasks
                + "; events " + events);
    }

    /**
     * A new deployment of the same task definition: every task running now is replaced, one at a time (more at
     * once when the configuration would allow it, but never so here), within the deployment configuration:
     * with room under {@code MaximumPercent} a new task starts first and an old one stops once it is healthy;
     * at the maximum an old task stops first, if {@code MinimumHealthyPercent} allows it.
     *
     * @return how each replaced task ended
     */
    List<EcsTask.Stopped> rollingDeploy(Duration healthyTimeout) throws InterruptedException {
        DeployedTaskDefinition.Deployment bounds = definition.deployment();
        int maximum = bounds.maximum(desiredCount);
        int minimumHealthy = bounds.minimumHealthy(desiredCount);
        event("deployment started: desired " + desiredCount + ", minimumHealthyPercent "
                + bounds.minimumHealthyPercent() + " (at least " + minimumHealthy + " healthy), maximumPercent "
                + bounds.maximumPercent() + " (at most " + maximum + " running)");
        List<EcsTask.Stopped> ended = new ArrayList<>();
        for (EcsTask old : running()) {
            if (running().size() + 1 <= maximum) {
                EcsTask fresh = launch("deployment: start first");
                awaitHealthy(fresh, healthyTimeout);
                ended.add(stopForDeployment(old, minimumHealthy));
            } else {
                ended.add(stopForDeployment(old, minimumHealthy));
                awaitHealthy(launch("deployment: after stopping " + old.name), healthyTimeout);
            }
        }
        event("deployment completed");
        return ended;
    }

    private EcsTask.Stopped stopForDeployment(EcsTask old, int minimumHealthy) {
        long healthyOthers = running().stream()
                .filter(t -> t != old && t.health() == EcsTask.Health.HEALTHY).count();
        if (healthyOthers < minimumHealthy) {
            throw new AssertionError("the deployment configuration " + definition.deployment() + " lets ECS neither"
                    + " start a task (at the maximum) nor stop " + old.name + " (only " + healthyOthers
                    + " other healthy task(s), minimum " + minimumHealthy + ")");
        }
        stoppedByService.add(old);
        event("deployment: stopping " + old.name);
        return old.stop("Scaling activity initiated by (deployment)");
    }

    private void awaitHealthy(EcsTask task, Duration timeout) throws InterruptedException {
        Poll.until(task.name + " healthy", timeout, () -> {
            if (!task.running()) {
                throw new AssertionError(task.name + " stopped before it was healthy: " + task.stopped().join()
                        + "; see " + task.log());
            }
            return task.health() == EcsTask.Health.HEALTHY;
        });
        event(task.name + " healthy");
    }

    /** Scales to zero, as deleting the service does: every task gets SIGTERM at once. */
    List<EcsTask.Stopped> stopAll() {
        active = false;
        List<EcsTask> running = running();
        stoppedByService.addAll(running);
        event("scaling to 0");
        List<CompletableFuture<EcsTask.Stopped>> stops = running.stream()
                .map(t -> CompletableFuture.supplyAsync(() -> t.stop("Scaling activity initiated by (service deleted)")))
                .toList();
        return stops.stream().map(CompletableFuture::join).toList();
    }

    private void event(String what) {
        Event event = new Event(Instant.now(), what);
        events.add(event);
        System.out.println("parity: [" + name + "] " + event);
    }

    @Override
    public void close() {
        active = false;
        tasks.forEach(EcsTask::close);
    }
}
