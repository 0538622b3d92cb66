package io.streamwatch.consumer.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DrainWaitTest {

    private final AtomicLong now = new AtomicLong();
    private final DrainWait wait = new DrainWait(now::get);

    @Test
    void aCompletedKclShutdownEndsTheWait() throws Exception {
        assertThat(wait.await(CompletableFuture.completedFuture(true), () -> 3, 1_000_000_000L))
                .isEqualTo(DrainWait.Result.KCL_COMPLETED);
    }

    @Test
    void everyProcessorReturnedEndsTheWaitEvenIfTheKclNeverCompletes() throws Exception {
        // The KCL's future waits for SHARD_END leases that never confirm (amazon-kinesis-client #1251).
        AtomicInteger live = new AtomicInteger(2);
        Thread shards = new Thread(() -> {
            sleep(30);
            live.decrementAndGet();
            sleep(30);
            live.decrementAndGet();
        });
        shards.start();

        assertThat(wait.await(new CompletableFuture<Boolean>(), live::get, Long.MAX_VALUE))
                .isEqualTo(DrainWait.Result.PROCESSORS_RETURNED);
        assertThat(live.get()).isZero();
        shards.join();
    }

    @Test
    void aWorkerWithNoProcessorsYetIsDrainedAtOnce() throws Exception {
        // SIGTERM while the scheduler initialises: nothing is buffered, so nothing to wait for.
        assertThat(wait.await(new CompletableFuture<Boolean>(), () -> 0, 0))
                .isEqualTo(DrainWait.Result.PROCESSORS_RETURNED);
    }

    @Test
    void theDeadlineEndsTheWaitWhileProcessorsAreStillFlushing() throws Exception {
        Thread clock = new Thread(() -> {
            sleep(30);
            now.set(2_000);
        });
        clock.start();

        assertThat(wait.await(new CompletableFuture<Boolean>(), () -> 1, 1_000)).isEqualTo(DrainWait.Result.TIMED_OUT);
        clock.join();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
