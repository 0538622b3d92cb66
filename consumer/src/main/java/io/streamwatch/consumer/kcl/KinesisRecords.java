package io.streamwatch.consumer.kcl;

import io.streamwatch.consumer.pipeline.InboundRecord;
import io.streamwatch.consumer.pipeline.RecordMeta;
import io.streamwatch.consumer.pipeline.RecordPosition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** Converts KCL records into the pipeline's KCL-free {@link InboundRecord}. */
final class KinesisRecords {

    private KinesisRecords() {
    }

    static List<InboundRecord> toInbound(String shardId, List<KinesisClientRecord> records) {
        List<InboundRecord> inbound = new ArrayList<>(records.size());
        for (KinesisClientRecord record : records) {
            ByteBuffer data = record.data().duplicate();
            byte[] payload = new byte[data.remaining()];
            data.get(payload);
            long arrival = record.approximateArrivalTimestamp() == null
                    ? RecordMeta.NO_ARRIVAL
                    : record.approximateArrivalTimestamp().toEpochMilli();
            inbound.add(new InboundRecord(shardId,
                    new RecordPosition(record.sequenceNumber(), record.subSequenceNumber()), arrival, payload));
        }
        return inbound;
    }
}
