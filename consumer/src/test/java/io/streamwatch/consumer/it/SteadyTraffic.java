package io.streamwatch.consumer.it;

import java.util.concurrent.atomic.AtomicReference;

/** A producer putting {@code perSecond} generated records a second (in two puts a second) until stopped. */
final class SteadyTraffic implements AutoCloseable {

    private final StreamFixture fixture;
    private final Thread thread;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean running = true;

    SteadyTraffic(StreamFixture fixture, int perSecond) {
        this.fixture = fixture;
        int perPut = Math.max(1, perSecond / 2);
        thread = new Thread(() -> {
            long next = System.nanoTime();
            while (running) {
                try {
                    fixture.send(perPut);
                } catch (RuntimeException e) {
                    failure.set(e);
                    return;
                }
                next += 500_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "steady-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the put in progress; fails if a put failed. Returns the records sent in all. */
    int stop() throws InterruptedException {
        running = false;
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("the producer failed", failure.get());
        }
        return fixture.sentTotal();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
