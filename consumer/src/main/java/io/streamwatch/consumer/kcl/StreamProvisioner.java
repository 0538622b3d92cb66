package io.streamwatch.consumer.kcl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Creates the Kinesis stream when it is missing (local runs and tests). */
public final class StreamProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(StreamProvisioner.class);
    private final KinesisClient kinesis;

    public StreamProvisioner(KinesisClient kinesis) {
        this.kinesis = kinesis;
    }

    /** Creates {@code stream} with {@code shards} shards unless it exists, then waits until it is active. */
    public void createMissing(String stream, int shards) {
        try {
            kinesis.createStream(b -> b.streamName(stream).shardCount(shards));
            LOG.info("Created Kinesis stream {} with {} shards", stream, shards);
        } catch (ResourceInUseException e) {
            LOG.debug("Kinesis stream {} already exists", stream);
        }
        // The SDK waiter polls every 10 s; emulators are ready in well under a second.
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream " + stream + " did not become ACTIVE within 2 minutes");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for stream " + stream, e);
            }
        }
    }
}
