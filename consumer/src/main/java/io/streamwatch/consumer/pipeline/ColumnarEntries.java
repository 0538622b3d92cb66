package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.decode.SensorReading;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * One window's entries stored by column, about 35 bytes a reading instead of about 200 as objects: the
 * temperature's digits and scale, the arrival time, the sequence number as a shared prefix and its last
 * 18 digits as a long, the sub-sequence number only once a record has one, and references to the name and
 * status, which the decoder's string cache shares. The shard id is held once. Columns grow in chunks of
 * 4,096 entries: no copying as a window fills, no array large enough to waste a heap region, and at most
 * one part-filled chunk per window. {@link #get} rebuilds an
 * equal {@link WindowEntry.Accepted}; a sequence number that is not all digits is held whole as its
 * prefix, and what does not fit the columns (a rejected record, another shard's record) is kept as it is.
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
        final long[] arrival = new long[CHUNK];
        final long[] suffix = new long[CHUNK];
        final String[] prefix = new String[CHUNK];
        final String[] name = new String[CHUNK];
        final String[] status = new String[CHUNK];
        /** How many of the sequence number's digits the long column holds (the rest is the prefix). */
        final byte[] digits = new byte[CHUNK];
        /** Allocated when the chunk's first record with a sub-sequence number (a KPL aggregate's) arrives. */
        long[] subSequence;
        /** Entries the columns cannot hold; allocated with the first one. */
        WindowEntry[] others;
    }

    private final ArrayList<Chunk> chunks = new ArrayList<>();
    private int size;
    private String shardId;
    private String lastPrefix = "";

    /** @param expected the entries the window is expected to hold; unused: chunks grow as needed */
    public ColumnarEntries(int expected) {
    }

    @Override
    public boolean add(WindowEntry entry) {
        int i = size++;
        if ((i & MASK) == 0) {
            chunks.add(new Chunk());
        }
        Chunk chunk = chunks.get(i >>> CHUNK_BITS);
        int k = i & MASK;
        if (!(entry instanceof WindowEntry.Accepted accepted) || !fits(accepted.meta())) {
            if (chunk.others == null) {
                chunk.others = new WindowEntry[CHUNK];
            }
            chunk.others[k] = entry;
            return true;
        }
        RecordMeta meta = accepted.meta();
        SensorReading reading = accepted.reading();
        chunk.temperature[k] = reading.temperature();
        chunk.scale[k] = (byte) reading.scale();
        chunk.arrival[k] = meta.arrivalMillis();
        String sequence = meta.sequenceNumber();
        // The last 18 digits go to the long column; a sequence number that is not all digits is all prefix.
        int cut = allDigits(sequence) ? Math.max(0, sequence.length() - SUFFIX_DIGITS) : sequence.length();
        chunk.digits[k] = (byte) (sequence.length() - cut);
        if (lastPrefix.length() != cut || !sequence.regionMatches(0, lastPrefix, 0, cut)) {
            lastPrefix = sequence.substring(0, cut);
        }
        chunk.prefix[k] = lastPrefix;
        chunk.suffix[k] = cut == sequence.length() ? 0 : Long.parseLong(sequence, cut, sequence.length(), 10);
        if (meta.subSequenceNumber() != 0) {
            if (chunk.subSequence == null) {
                chunk.subSequence = new long[CHUNK];
            }
            chunk.subSequence[k] = meta.subSequenceNumber();
        }
        chunk.name[k] = reading.name();
        chunk.status[k] = reading.status();
        return true;
    }

    /** A record of this window's shard (the first record's). */
    private boolean fits(RecordMeta meta) {
        if (shardId == null) {
            shardId = meta.shardId();
        }
        return shardId.equals(meta.shardId());
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
        return new WindowEntry.Accepted(new RecordMeta(shardId, sequence, sub, chunk.arrival[k]),
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

    private final class View extends AbstractList<WindowEntry.Accepted> implements RandomAccess {
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
            return (WindowEntry.Accepted) ColumnarEntries.this.get(indexes[i]);
        }

        @Override
        public int size() {
            return count;
        }
    }
}
