package io.streamwatch.consumer.kcl;

import io.streamwatch.consumer.pipeline.RecordBatch;
import io.streamwatch.consumer.pipeline.RecordMeta;
import java.util.List;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** Converts KCL records into the pipeline's KCL-free {@link RecordBatch}. */
final class KinesisRecords {

    private KinesisRecords() {
    }

    /** The records by column: their sequence numbers shared, their payloads copied into one array. */
    static RecordBatch toBatch(List<KinesisClientRecord> records) {
        RecordBatch batch = new RecordBatch(records.size());
        for (KinesisClientRecord record : records) {
            long arrival = record.approximateArrivalTimestamp() == null
                    ? RecordMeta.NO_ARRIVAL
                    : record.approximateArrivalTimestamp().toEpochMilli();
            batch.add(record.sequenceNumber(), record.subSequenceNumber(), arrival, record.data());
        }
        return batch;
    }
}
