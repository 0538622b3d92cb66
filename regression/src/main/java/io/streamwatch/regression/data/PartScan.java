package io.streamwatch.regression.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * How a parallel source reads its parts, in one place for all of them (byte ranges of a CSV file, Parquet
 * row groups, spill files): each part is read by one thread of a pool, the results come back in input order,
 * and the first failure stops the parts not yet started and is thrown as it was thrown — an I/O error as an
 * {@link UncheckedIOException} naming the input. A task that sees the shared abort flag set stops early.
 *
 * <p>One scan per call; the pool lives for the call only.
 */
public final class PartScan {

    private final int threads;
    private final String input;

    /**
     * @param threads the pool's size (at least 1)
     * @param input   the input's name, for messages
     */
    public PartScan(int threads, String input) {
        this.threads = Math.max(1, threads);
        this.input = input;
    }

    /** Runs every task; their results in order. */
    public <T> List<T> all(List<? extends Callable<T>> tasks) {
        return all(tasks, new AtomicBoolean());
    }

    /** Runs every task, {@code abort} set by the first that fails; their results in order. */
    public <T> List<T> all(List<? extends Callable<T>> tasks, AtomicBoolean abort) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(submit(pool, task, abort));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(await(future));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs {@code task(0)} to {@code task(count - 1)}, at most two per thread ahead of the one handed over, and
     * hands each result to {@code inOrder} on the calling thread, in order: a pass that keeps what it reads
     * holds a few parts at a time. A failure, in a part or in {@code inOrder}, stops the rest.
     */
    public <T> void inOrder(int count, IntFunction<Callable<T>> task, AtomicBoolean abort, Consumer<T> inOrder) {
        if (count == 0) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count));
        try {
            ArrayDeque<Future<T>> reading = new ArrayDeque<>();
            int next = 0;
            while (next < count || !reading.isEmpty()) {
                while (next < count && reading.size() < 2 * threads) {
                    reading.add(submit(pool, task.apply(next++), abort));
                }
                inOrder.accept(await(reading.poll()));
            }
        } finally {
            abort.set(true);
            pool.shutdownNow();
        }
    }

    private static <T> Future<T> submit(ExecutorService pool, Callable<T> task, AtomicBoolean abort) {
        return pool.submit(() -> {
            if (abort.get()) {
                // Started after a part failed: that part, earlier in order, is the failure awaited first.
                throw new IllegalStateException("stopped: another part failed");
            }
            try {
                return task.call();
            } catch (RuntimeException | IOException | Error e) {
                abort.set(true);
                throw e;
            }
        });
    }

    private <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new UncheckedIOException("cannot read " + input + ": " + e.getCause().getMessage(),
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + input, e);
        }
    }
}
