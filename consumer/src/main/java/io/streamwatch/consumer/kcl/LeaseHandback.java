package io.streamwatch.consumer.kcl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.LeaseCoordinator;

/**
 * Hands this worker's leases back at the end of a drain, so other workers take them at their next lease
 * scan instead of waiting for them to expire: KCL 2.x's graceful shutdown only stops renewing them (another
 * worker waits the failover time, 10 s, plus up to a lease-taker interval, 20 s). With the leases handed back,
 * a rolling deploy leaves a shard unread for the drain plus at most one taker interval.
 *
 * <p>The order is the KCL's own: stop this worker's lease taker (so it does not take them again), drop each
 * lease locally (no more renewals), then evict it in the lease table: an update conditional on this worker
 * still being the owner, so a lease another worker took meanwhile is left alone. A lease is handed back
 * only after its processor has returned, so its last checkpoint is written. Called once, by the drain.
 */
final class LeaseHandback {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseHandback.class);

    private LeaseHandback() {
    }

    /** The leases held now: read before the graceful shutdown starts, which forgets them as it goes. */
    static Collection<Lease> held(LeaseCoordinator coordinator) {
        return new ArrayList<>(coordinator.getAssignments());
    }

    /** Evicts {@code leases}; failures are logged, not thrown (the leases then expire as before). */
    static void handBack(LeaseCoordinator coordinator, Collection<Lease> leases) {
        coordinator.stopLeaseTaker();
        List<String> handedBack = new ArrayList<>();
        for (Lease lease : leases) {
            try {
                coordinator.dropLease(lease);
                if (coordinator.leaseRefresher().evictLease(lease)) {
                    handedBack.add(lease.leaseKey());
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("Could not hand back lease {} (it expires after the failover time instead): {}",
                        lease.leaseKey(), e.toString());
            }
        }
        if (!handedBack.isEmpty()) {
            LOG.info("Handed back leases {} for other workers to take at once", handedBack);
        }
    }
}
