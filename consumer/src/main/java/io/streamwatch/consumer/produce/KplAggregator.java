package io.streamwatch.consumer.produce;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.kpl.Messages;

/**
 * Packs user records into one Kinesis record in the KPL's aggregated format, as KPL producers send
 * them: the 4 magic bytes, a protobuf {@code AggregatedRecord}, and the MD5 of the protobuf bytes. The
 * KCL deaggregates such records back into user records numbered by sub-sequence. The message classes
 * are the KCL's own, so the format is the one the consumer reads. Stateless and thread-safe.
 */
public final class KplAggregator {

    private KplAggregator() {
    }

    /**
     * @param partitionKey the key of the Kinesis record and of every user record in it
     * @param payloads     the user records, in sub-sequence order; at least one
     * @return the aggregated record's data
     */
    public static byte[] aggregate(String partitionKey, List<byte[]> payloads) {
        if (payloads.isEmpty()) {
            throw new IllegalArgumentException("an aggregated record holds at least one user record");
        }
        Messages.AggregatedRecord.Builder aggregate = Messages.AggregatedRecord.newBuilder()
                .addPartitionKeyTable(partitionKey);
        for (byte[] payload : payloads) {
            aggregate.addRecords(Messages.Record.newBuilder().setPartitionKeyIndex(0)
                    .setData(ByteString.copyFrom(payload)));
        }
        byte[] body = aggregate.build().toByteArray();
        byte[] magic = AggregatorUtil.AGGREGATED_RECORD_MAGIC;
        byte[] digest = md5(body);
        byte[] record = new byte[magic.length + body.length + digest.length];
        System.arraycopy(magic, 0, record, 0, magic.length);
        System.arraycopy(body, 0, record, magic.length, body.length);
        System.arraycopy(digest, 0, record, magic.length + body.length, digest.length);
        return record;
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
