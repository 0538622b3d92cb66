package io.streamwatch.consumer.pipeline;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * One batch of raw records from a shard, held by column: each record's sequence number (a reference to the
 * string the reader already has), sub-sequence number and arrival time, and all payloads back to back in
 * one byte array. This is what {@link ShardPipeline#handle(RecordBatch, long, java.util.OptionalLong,
 * Checkpointer)} reads: a batch costs a few arrays, not an object or a payload copy per record, so a
 * shard's decode goes straight into its windows' columns.
 *
 * <p>A buffer, not a value: the reader adds records, hands the batch to the pipeline and may {@link #clear}
 * and refill it once the call returns (the pipeline keeps nothing of it; a rejected record's bytes are
 * copied out). Not thread-safe: one per shard reader.
 */
public final class RecordBatch {

    private String[] sequences;
    private long[] subSequences;
    private long[] arrivals;
    /** Where each payload ends in {@link #bytes}; payload i starts where payload i - 1 ends. */
    private int[] ends;
    private byte[] bytes;
    private int size;

    /** @param expected records the batch is expected to hold; it grows past that */
    public RecordBatch(int expected) {
        int capacity = Math.max(expected, 1);
        sequences = new String[capacity];
        subSequences = new long[capacity];
        arrivals = new long[capacity];
        ends = new int[capacity];
        bytes = new byte[capacity * 32];
    }

    /** A batch of {@code records}, their payloads copied. */
    public static RecordBatch of(List<InboundRecord> records) {
        RecordBatch batch = new RecordBatch(records.size());
        for (InboundRecord record : records) {
            RecordMeta meta = record.meta();
            batch.add(meta.sequenceNumber(), meta.subSequenceNumber(), meta.arrivalMillis(), record.payload(), 0,
                    record.payload().length);
        }
        return batch;
    }

    /**
     * Adds a record whose payload is {@code payload[offset, offset + length)}, copied.
     *
     * @param arrivalMillis Kinesis' approximate arrival timestamp, or {@link RecordMeta#NO_ARRIVAL}
     * @throws IllegalArgumentException if the sequence number is empty or the sub-sequence number negative
     */
    public void add(String sequenceNumber, long subSequenceNumber, long arrivalMillis, byte[] payload, int offset,
                    int length) {
        int start = reserve(sequenceNumber, subSequenceNumber, arrivalMillis, length);
        System.arraycopy(payload, offset, bytes, start, length);
    }

    /** Adds a record whose payload is {@code data}'s remaining bytes, copied; {@code data} is not consumed. */
    public void add(String sequenceNumber, long subSequenceNumber, long arrivalMillis, ByteBuffer data) {
        int length = data.remaining();
        int start = reserve(sequenceNumber, subSequenceNumber, arrivalMillis, length);
        data.get(data.position(), bytes, start, length);
    }

    /** Empties the batch, keeping its arrays for the next one. */
    public void clear() {
        Arrays.fill(sequences, 0, size, null);
        size = 0;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    String sequenceNumber(int i) {
        return sequences[i];
    }

    long subSequenceNumber(int i) {
        return subSequences[i];
    }

    long arrivalMillis(int i) {
        return arrivals[i];
    }

    /** The array every payload lives in; record i's is {@code [payloadOffset(i), payloadOffset(i) + payloadLength(i))}. */
    byte[] bytes() {
        return bytes;
    }

    int payloadOffset(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    int payloadLength(int i) {
        return ends[i] - payloadOffset(i);
    }

    /** Record i's payload, copied out (for a rejected record, which is kept with its bytes). */
    byte[] payload(int i) {
        return Arrays.copyOfRange(bytes, payloadOffset(i), ends[i]);
    }

    RecordMeta meta(String shardId, int i) {
        return new RecordMeta(shardId, sequences[i], subSequences[i], arrivals[i]);
    }

    /** Appends record {@code size}'s columns and returns where its payload of {@code length} bytes goes. */
    private int reserve(String sequenceNumber, long subSequenceNumber, long arrivalMillis, int length) {
        RecordPosition.requireValid(sequenceNumber, subSequenceNumber);
        if (size == sequences.length) {
            int capacity = size * 2;
            sequences = Arrays.copyOf(sequences, capacity);
            subSequences = Arrays.copyOf(subSequences, capacity);
            arrivals = Arrays.copyOf(arrivals, capacity);
            ends = Arrays.copyOf(ends, capacity);
        }
        int start = size == 0 ? 0 : ends[size - 1];
        if (bytes.length - start < length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, start + length));
        }
        sequences[size] = sequenceNumber;
        subSequences[size] = subSequenceNumber;
        arrivals[size] = arrivalMillis;
        ends[size] = start + length;
        size++;
        return start;
    }
}
