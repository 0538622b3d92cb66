package io.streamwatch.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Enhanced fan-out on kinesis-local: the KCL registers the application's stream consumer and receives the
 * records over SubscribeToShard (HTTP/2 on the emulator's TLS port); every record lands exactly once.
 */
class FanOutIT {

    @Test
    void everyRecordIsStoredOnceWhenReadWithEnhancedFanOut() throws Exception {
        LocalEmulators emulators = LocalEmulators.get();
        try (StreamFixture fixture = new StreamFixture(emulators, "fanout", 2, 61);
             WorkerProcess worker = WorkerProcess.startFanOut(emulators, "fanout", fixture)) {
            fixture.send(1_000);
            Poll.until("every record written", Duration.ofMinutes(3), () -> {
                worker.assertAlive();
                return fixture.allWritten();
            }, fixture::progress);
            int exit = worker.stopGracefully(Duration.ofSeconds(35));
            assertThat(exit).isZero();
            fixture.assertStoredExactlyOnce("fanout", exit);
            assertThat(fixture.registeredConsumers()).as("the KCL registered the application's consumer")
                    .contains(fixture.application);
        }
    }
}
