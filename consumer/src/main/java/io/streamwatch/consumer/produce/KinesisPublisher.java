package io.streamwatch.consumer.produce;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** Puts records with PutRecords (up to 500 a request), re-sending the entries Kinesis did not accept. */
public final class KinesisPublisher {

    public static final int MAX_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(KinesisPublisher.class);
    private static final int MAX_ATTEMPTS = 10;

    private final KinesisClient kinesis;
    private final String stream;

    public KinesisPublisher(KinesisClient kinesis, String stream) {
        this.kinesis = kinesis;
        this.stream = stream;
    }

    /** Sends every entry, retrying partial failures with backoff; throws if some still fail. */
    public void put(List<PutRecordsRequestEntry> entries) {
        List<PutRecordsRequestEntry> pending = entries;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new IllegalStateException(pending.size() + " records were still rejected by Kinesis after "
                        + MAX_ATTEMPTS + " attempts (stream over its write limit?)");
            }
            if (attempt > 1) {
                sleep(Duration.ofMillis(Math.min(2000, 50L << attempt)));
            }
            final List<PutRecordsRequestEntry> batch = pending;
            PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(batch));
            if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
                return;
            }
            List<PutRecordsRequestEntry> failed = new ArrayList<>();
            List<PutRecordsResultEntry> results = response.records();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).errorCode() != null) {
                    failed.add(batch.get(i));
                }
            }
            LOG.debug("{} of {} records throttled, retrying", failed.size(), batch.size());
            pending = failed;
        }
    }

    public static PutRecordsRequestEntry entry(byte[] payload, String partitionKey) {
        return PutRecordsRequestEntry.builder().data(SdkBytes.fromByteArray(payload)).partitionKey(partitionKey).build();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        }
    }
}
