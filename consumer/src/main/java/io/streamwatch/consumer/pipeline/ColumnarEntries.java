package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.decode.SensorReading;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.RandomAccess;

/**
 * One window's entries stored by column, about 35 bytes a reading instead of about 200 as objects: the
 * temperature's digits and scale, the arrival time, the sequence number as a shared prefix and its last
 * 18 digits as a long, the sub-sequence number only once a record has one, and references to the name and
 * status, which the decoder's string cache shares. The shard id is held once. Columns grow in chunks of
 * 4,096 entries: no copying as a window fills, no array large enough to waste a heap region, and at most
 * one part-filled chunk per window. {@link #get} rebuilds an
 * equal {@link WindowEntry.Accepted}; anything that does not fit the columns (a rejected record, a short or
 * non-numeric sequence number, another shard's record) is kept as it is.
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
        /** Allocated when the chunk's first record with a sub-sequence number (a KPL aggregate's) arrives. */
        long[] subSequence;
    }

    private final ArrayList<Chunk> chunks = new ArrayList<>();
    private int size;
    private String shardId;
    /** Entries the columns cannot hold, by index. */
    private final Map<Integer, WindowEntry> others = new HashMap<>();
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
        if (!(entry instanceof WindowEntry.Accepted accepted) || !fits(accepted.meta())) {
            others.put(i, entry);
            return true;
        }
        Chunk chunk = chunks.get(i >>> CHUNK_BITS);
        int k = i & MASK;
        RecordMeta meta = accepted.meta();
        SensorReading reading = accepted.reading();
        chunk.temperature[k] = reading.temperature();
        chunk.scale[k] = (byte) reading.scale();
        chunk.arrival[k] = meta.arrivalMillis();
        String sequence = meta.sequenceNumber();
        int cut = sequence.length() - SUFFIX_DIGITS;
        if (lastPrefix.length() != cut || !sequence.regionMatches(0, lastPrefix, 0, cut)) {
            lastPrefix = sequence.substring(0, cut);
        }
        chunk.prefix[k] = lastPrefix;
        chunk.suffix[k] = Long.parseLong(sequence, cut, sequence.length(), 10);
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

    /** A record of this window's shard whose sequence number is digits, longer than the long column. */
    private boolean fits(RecordMeta meta) {
        if (shardId == null) {
            shardId = meta.shardId();
        } else if (!shardId.equals(meta.shardId())) {
            return false;
        }
        String sequence = meta.sequenceNumber();
        if (sequence.length() <= SUFFIX_DIGITS) {
            return false;
        }
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
        WindowEntry other = others.get(index);
        if (other != null) {
            return other;
        }
        Chunk chunk = chunks.get(index >>> CHUNK_BITS);
        int k = index & MASK;
        char[] digits = new char[SUFFIX_DIGITS];
        long s = chunk.suffix[k];
        for (int d = SUFFIX_DIGITS - 1; d >= 0; d--) {
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
}
