package io.streamwatch.consumer.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A task's memory limit, enforced the way Fargate does when this machine allows it: a cgroup v1 memory
 * group of the task's size (the JVM reads its limit from there, as in the container, so
 * {@code MaxRAMPercentage} sizes the heap from it, and the kernel OOM-kills the group past it), holding the
 * worker and every health probe. Without a writable cgroup (not root, cgroup v2 only) it falls back to
 * telling the JVM the limit ({@code -XX:MaxRAM}) and reading the worker's peak RSS ({@code VmHWM}), which
 * nothing enforces.
 */
final class TaskMemory implements AutoCloseable {

    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup/memory");
    private static final Path PARENT = CGROUP_ROOT.resolve("streamwatch-parity");

    private final int limitMiB;
    private final Path group; // null in the fallback mode

    private TaskMemory(int limitMiB, Path group) {
        this.limitMiB = limitMiB;
        this.group = group;
    }

    static TaskMemory limit(String taskName, int limitMiB) {
        try {
            if (Files.isWritable(CGROUP_ROOT.resolve("cgroup.procs"))) {
                Files.createDirectories(PARENT);
                Path group = PARENT.resolve(taskName + "-" + ProcessHandle.current().pid());
                if (Files.exists(group)) {
                    Files.delete(group);
                }
                Files.createDirectory(group);
                Files.writeString(group.resolve("memory.limit_in_bytes"), Long.toString(bytes(limitMiB)));
                if (Long.parseLong(Files.readString(group.resolve("memory.limit_in_bytes")).trim()) == bytes(limitMiB)) {
                    return new TaskMemory(limitMiB, group);
                }
                Files.delete(group);
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("parity: no cgroup for " + taskName + " (" + e + "); falling back to -XX:MaxRAM");
        }
        return new TaskMemory(limitMiB, null);
    }

    boolean enforced() {
        return group != null;
    }

    String mode() {
        return enforced() ? "cgroup v1 memory limit " + limitMiB + " MiB (" + group + ")"
                : "-XX:MaxRAM=" + limitMiB + "m, peak RSS from /proc (not enforced)";
    }

    long limitBytes() {
        return bytes(limitMiB);
    }

    /** {@code command} started inside the group (a shell that moves itself in, then execs the command). */
    List<String> inside(List<String> command) {
        if (group == null) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c",
                "echo $$ > '" + group.resolve("cgroup.procs") + "' && exec \"$@\"", "task"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** JVM options the fallback mode adds so the JVM sizes itself for the task. */
    String jvmFallbackOptions() {
        return group == null ? " -XX:MaxRAM=" + limitMiB + "m" : "";
    }

    /** The group's peak usage (memory.max_usage_in_bytes: the worker, its probes, their page cache). */
    OptionalLong peakBytes() {
        return group == null ? OptionalLong.empty() : OptionalLong.of(read("memory.max_usage_in_bytes"));
    }

    /** How often usage hit the limit (the kernel reclaimed), and how many processes it OOM-killed. */
    String pressure() {
        if (group == null) {
            return "n/a";
        }
        return "failcnt=" + read("memory.failcnt") + " oom_kill=" + oomKills();
    }

    long oomKills() {
        if (group == null) {
            return 0;
        }
        try {
            return Files.readAllLines(group.resolve("memory.oom_control")).stream()
                    .filter(l -> l.startsWith("oom_kill ")).mapToLong(l -> Long.parseLong(l.substring(9).trim()))
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** A process's peak resident set (VmHWM), in bytes; empty once it has exited. */
    static OptionalLong peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // exited
        }
        return OptionalLong.empty();
    }

    private long read(String file) {
        try {
            return Long.parseLong(Files.readString(group.resolve(file)).trim());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + group.resolve(file), e);
        }
    }

    private static long bytes(int mib) {
        return mib * 1024L * 1024L;
    }

    /** Removes the group once its processes are gone (a group with processes cannot be removed). */
    @Override
    public void close() {
        if (group == null) {
            return;
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Files.delete(group);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        System.out.println("parity: could not remove " + group);
    }
}
