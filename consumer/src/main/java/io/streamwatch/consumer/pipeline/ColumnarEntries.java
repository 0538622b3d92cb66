package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.decode.ReadingScratch;
import io.streamwatch.consumer.decode.SensorReading;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * One window's entries stored by column, about 35 bytes a reading instead of about 200 as objects: the
 * temperature's digits and scale, the arrival time as an int offset from its chunk's first, the sequence
 * number as a shared prefix and its last 18 digits as a long, the sub-sequence number (an int) only once a
 * record has one, and references to the name and status, which the decoder's string cache shares. The
 * shard id is held once. Columns grow in chunks of 4,096 entries: no copying as a window fills, no array
 * large enough to waste a heap region, and at most one part-filled chunk per window. {@link #get} rebuilds
 * an equal {@link WindowEntry.Accepted}; a sequence number that is not all digits is held whole as its
 * prefix, and what does not fit the columns (a rejected record, another shard's record, an arrival or
 * sub-sequence number outside the int columns' range) is kept as it is.
 *
 * <p>Append-only, as a window's buffer is; not thread-safe (a shard is driven by one thread at a time).
 */
public final class ColumnarEntries extends AbstractList<WindowEntry> implements RandomAccess {

    /** Digits of the sequence number held in the long column: 18 always fit (10^18 < 2^63). */
    private static final int SUFFIX_DIGITS = 18;
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;

    /** One chunk of every column. */
    private static final class Chunk {
        final int[] temperature = new int[CHUNK];
        final byte[] scale = new byte[CHUNK];
        /** Arrival times as milliseconds after {@link #arrivalBase}: a window spans seconds, not 24 days. */
        final int[] arrival = new int[CHUNK];
        final long[] suffix = new long[CHUNK];
        final String[] prefix = new String[CHUNK];
        final String[] name = new String[CHUNK];
        final String[] status = new String[CHUNK];
        /** How many of the sequence number's digits the long column holds (the rest is the prefix). */
        final byte[] digits = new byte[CHUNK];
        /** Allocated when the chunk's first record with a sub-sequence number (a KPL aggregate's) arrives. */
        int[] subSequence;
        /** The arrival time the column counts from: the chunk's first reading's; set once it has one. */
        long arrivalBase;
        boolean hasArrivalBase;
        /** Entries the columns cannot hold; allocated with the first one. */
        WindowEntry[] others;
    }

    /**
     * Heap a chunk's arrays take, headers included (16 B each), with 4-byte references as the JVM uses
     * below 32 GB of heap: 4 int/ref columns, a long, two byte columns.
     */
    static final long CHUNK_BYTES = CHUNK * (4L * 4 + 4 + 8 + 1 + 1) + 8 * 16 + 64;
    /** An optional int or reference column of a chunk. */
    private static final long COLUMN_BYTES = CHUNK * 4L + 16;
    /**
     * An entry kept whole (a rejected record, a reading outside the columns' range): the entry, its meta and
     * reading or reason; the payload's bytes are added to it.
     */
    static final long WHOLE_ENTRY_BYTES = 200;

    private final ArrayList<Chunk> chunks = new ArrayList<>();
    private int size;
    /** What the columns and whole entries hold on the heap, estimated from their arrays' sizes. */
    private long retainedBytes;
    private String shardId;
    private String lastPrefix = "";
    /**
     * The sequence number appended last and how it was split: consecutive readings of one KCL record (a KPL
     * aggregate's) or of a file replay share the instance, and are not split again.
     */
    private String lastSequence;
    private int lastCut;
    private long lastSuffix;

    /** @param expected the entries the window is expected to hold; unused: chunks grow as needed */
    public ColumnarEntries(int expected) {
    }

    @Override
    public boolean add(WindowEntry entry) {
        if (entry instanceof WindowEntry.Accepted accepted && fits(accepted.meta().shardId())) {
            RecordMeta meta = accepted.meta();
            SensorReading reading = accepted.reading();
            append(meta.sequenceNumber(), meta.subSequenceNumber(), meta.arrivalMillis(), reading.name(),
                    reading.temperature(), reading.scale(), reading.status());
            return true;
        }
        addOther(entry);
        return true;
    }

    /**
     * Appends a reading straight from the decoder's scratch, with no entry object: what a shard's batches
     * do. Equal to adding the {@link WindowEntry.Accepted} it describes.
     *
     * @throws IllegalArgumentException if the window already holds readings of another shard
     */
    void addReading(String shardId, String sequenceNumber, long subSequenceNumber, long arrivalMillis,
                    ReadingScratch reading) {
        if (!fits(shardId)) {
            throw new IllegalArgumentException("a reading of " + shardId + " in a window of " + this.shardId);
        }
        append(sequenceNumber, subSequenceNumber, arrivalMillis, reading.name(), reading.temperature(),
                reading.scale(), reading.status());
    }

    private void append(String sequence, long subSequenceNumber, long arrivalMillis, String name, int temperature,
                        int scale, String status) {
        int i = size;
        Chunk chunk = chunkFor(i);
        if (!chunk.hasArrivalBase) {
            chunk.arrivalBase = arrivalMillis;
            chunk.hasArrivalBase = true;
        }
        long arrivalOffset = arrivalMillis - chunk.arrivalBase;
        if (arrivalOffset != (int) arrivalOffset || subSequenceNumber != (int) subSequenceNumber) {
            // Outside what the int columns hold (a window of weeks, a sub-sequence past 2^31): kept whole.
            addOther(new WindowEntry.Accepted(new RecordMeta(shardId, sequence, subSequenceNumber, arrivalMillis),
                    new SensorReading(name, temperature, status, scale)));
            return;
        }
        size++;
        int k = i & MASK;
        chunk.temperature[k] = temperature;
        chunk.scale[k] = (byte) scale;
        chunk.arrival[k] = (int) arrivalOffset;
        if (sequence != lastSequence) {
            // The last 18 digits go to the long column; a sequence number that is not all digits is all prefix.
            lastSequence = sequence;
            lastCut = allDigits(sequence) ? Math.max(0, sequence.length() - SUFFIX_DIGITS) : sequence.length();
            if (lastPrefix.length() != lastCut || !sequence.regionMatches(0, lastPrefix, 0, lastCut)) {
                lastPrefix = sequence.substring(0, lastCut);
            }
            lastSuffix = lastCut == sequence.length() ? 0 : Long.parseLong(sequence, lastCut, sequence.length(), 10);
        }
        chunk.digits[k] = (byte) (sequence.length() - lastCut);
        chunk.prefix[k] = lastPrefix;
        chunk.suffix[k] = lastSuffix;
        if (subSequenceNumber != 0) {
            if (chunk.subSequence == null) {
                chunk.subSequence = new int[CHUNK];
                retainedBytes += COLUMN_BYTES;
            }
            chunk.subSequence[k] = (int) subSequenceNumber;
        }
        chunk.name[k] = name;
        chunk.status[k] = status;
    }

    private void addOther(WindowEntry entry) {
        int i = size++;
        Chunk chunk = chunkFor(i);
        if (chunk.others == null) {
            chunk.others = new WindowEntry[CHUNK];
            retainedBytes += COLUMN_BYTES;
        }
        chunk.others[i & MASK] = entry;
        retainedBytes += WHOLE_ENTRY_BYTES + (entry instanceof WindowEntry.Rejected r ? r.payload().length : 0);
    }

    /** The chunk entry {@code i} goes to, a new one at each chunk's first entry. */
    private Chunk chunkFor(int i) {
        int c = i >>> CHUNK_BITS;
        if (c == chunks.size()) {
            chunks.add(new Chunk());
            retainedBytes += CHUNK_BYTES;
        }
        return chunks.get(c);
    }

    /** A record of this window's shard (the first record's). */
    private boolean fits(String recordShardId) {
        if (shardId == null) {
            shardId = recordShardId;
        }
        return shardId.equals(recordShardId);
    }

    private static boolean allDigits(String sequence) {
        for (int k = 0; k < sequence.length(); k++) {
            char c = sequence.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The heap this window's entries hold, estimated from the arrays allocated for them: what the memory
     * budget counts. Names and statuses are shared through the decoder's cache and not counted per entry.
     */
    public long retainedBytes() {
        return retainedBytes;
    }

    @Override
    public WindowEntry get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        Chunk chunk = chunks.get(index >>> CHUNK_BITS);
        int k = index & MASK;
        if (chunk.others != null && chunk.others[k] != null) {
            return chunk.others[k];
        }
        char[] digits = new char[chunk.digits[k]];
        long s = chunk.suffix[k];
        for (int d = digits.length - 1; d >= 0; d--) {
            digits[d] = (char) ('0' + s % 10);
            s /= 10;
        }
        String sequence = chunk.prefix[k].concat(new String(digits));
        long sub = chunk.subSequence == null ? 0 : chunk.subSequence[k];
        return new WindowEntry.Accepted(new RecordMeta(shardId, sequence, sub, chunk.arrivalBase + chunk.arrival[k]),
                new SensorReading(chunk.name[k], chunk.temperature[k], chunk.status[k], chunk.scale[k]));
    }

    @Override
    public int size() {
        return size;
    }

    /** Whether entry {@code index} lives in the columns (a reading), not kept as it is. */
    boolean inColumns(int index) {
        Chunk chunk = chunks.get(index >>> CHUNK_BITS);
        return chunk.others == null || chunk.others[index & MASK] == null;
    }

    /** Whether a columnar entry's reading is an anomaly under {@code rule}, without rebuilding it. */
    boolean isAnomaly(int index, AnomalyRule rule) {
        Chunk chunk = chunks.get(index >>> CHUNK_BITS);
        int k = index & MASK;
        return rule.isAnomaly(chunk.temperature[k], chunk.scale[k]);
    }

    /**
     * The accepted entries at {@code indexes[0..count)}, as a list that rebuilds each entry when asked: a
     * window's flush reads them once or twice, so nothing is materialized and held for the whole write.
     */
    List<WindowEntry.Accepted> view(int[] indexes, int count) {
        return new View(indexes, count);
    }

    /** Every entry, as the accepted entries they all are (the caller checked: none is rejected). */
    List<WindowEntry.Accepted> all() {
        return new View(null, size);
    }

    /** Read-only: the list operations that change a list throw, as {@link AbstractList}'s do. */
    final class View extends AbstractList<WindowEntry.Accepted> implements RandomAccess,
            WindowFlush.IndexedTemperatures {
        /** The entries' indexes in the window; null for all of them, in order. */
        private final int[] indexes;
        private final int count;

        View(int[] indexes, int count) {
            this.indexes = indexes;
            this.count = count;
        }

        @Override
        public WindowEntry.Accepted get(int i) {
            if (i < 0 || i >= count) {
                throw new IndexOutOfBoundsException("index " + i + ", size " + count);
            }
            return (WindowEntry.Accepted) ColumnarEntries.this.get(index(i));
        }

        @Override
        public int size() {
            return count;
        }

        private int index(int i) {
            return indexes == null ? i : indexes[i];
        }

        @Override
        public int compare(int i, int j) {
            int a = index(i);
            int b = index(j);
            Chunk chunkA = chunks.get(a >>> CHUNK_BITS);
            Chunk chunkB = chunks.get(b >>> CHUNK_BITS);
            return SensorReading.compareTemperatures(chunkA.temperature[a & MASK], chunkA.scale[a & MASK],
                    chunkB.temperature[b & MASK], chunkB.scale[b & MASK]);
        }
    }
}
