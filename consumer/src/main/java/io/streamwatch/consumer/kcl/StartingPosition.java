package io.streamwatch.consumer.kcl;

import io.streamwatch.consumer.config.InitialPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;

/**
 * Where a lease with no checkpoint starts reading, the same for every worker of the application, at any time.
 *
 * <p>The KCL gives a new lease a sentinel checkpoint (LATEST, AT_TIMESTAMP or TRIM_HORIZON) and each worker
 * that picks it up starts where the sentinel says, by its own clock. A lease keeps the sentinel until its
 * first window is written, about 20 s; under a plain LATEST, a worker that takes it over in that time (a
 * crash, an out-of-memory exit, autoscaling, a second task) starts at its own "latest", after everything the
 * first one read: those records are lost. So LATEST is fixed once, when the application first starts: it
 * becomes AT_TIMESTAMP of the lease table's creation (the application's first start, or the stack's
 * deployment, which creates the table), which every worker reads from DynamoDB and so agrees on. A
 * successor then reads again what its predecessor read and did not write; replays overwrite the same items.
 * The KCL takes an AT_TIMESTAMP lease's time from each worker's configuration, not from the lease, which is
 * why every worker must compute the same instant.
 *
 * <p>Pure: the lease table's creation time is read by the caller.
 */
final class StartingPosition {

    /**
     * Read this much before the lease table's creation: the table's clock (DynamoDB's) and the records'
     * arrival times (Kinesis') are different services' clocks. A record put in those seconds is read too.
     */
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(5);

    private StartingPosition() {
    }

    /**
     * @param configured        what the user asked for a new application
     * @param leaseTableCreated when the application's lease table was created
     */
    static InitialPositionInStreamExtended of(InitialPosition configured, Instant leaseTableCreated) {
        return switch (configured) {
            case TRIM_HORIZON -> InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON);
            case LATEST -> InitialPositionInStreamExtended.newInitialPositionAtTimestamp(
                    Date.from(fixedLatest(leaseTableCreated)));
        };
    }

    /** LATEST as of the application's first start, less {@link #CLOCK_MARGIN}. */
    static Instant fixedLatest(Instant leaseTableCreated) {
        return leaseTableCreated.minus(CLOCK_MARGIN);
    }
}
