package io.streamwatch.consumer.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time of this process's live threads other than the JIT compiler's, from Linux's
 * {@code /proc/self/task/*}{@code /stat}: what a client spends once warm, since a warm JVM compiles next to
 * nothing. A benchmark's figure, read between runs; empty where there is no {@code /proc}.
 */
final class ThreadCpu {

    /** Clock ticks a second in {@code /proc}'s times: 100 on every Linux this runs on (USER_HZ). */
    private static final long TICKS_PER_SECOND = 100;

    private ThreadCpu() {
    }

    /** Nanoseconds of CPU (user and system) the live threads not named like a JIT compiler thread used so far. */
    static OptionalLong withoutCompilerNanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return OptionalLong.empty();
        }
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended while being listed
                }
                // "pid (comm) state ..."; comm may hold spaces, so split after its closing parenthesis.
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    continue;
                }
                String[] fields = stat.substring(close + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(ticks * 1_000_000_000L / TICKS_PER_SECOND);
    }
}
