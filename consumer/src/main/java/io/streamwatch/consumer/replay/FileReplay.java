package io.streamwatch.consumer.replay;

import io.streamwatch.consumer.decode.CsvRecordDecoder;
import io.streamwatch.consumer.pipeline.AnomalyRule;
import io.streamwatch.consumer.pipeline.Checkpointer;
import io.streamwatch.consumer.pipeline.RecordBatch;
import io.streamwatch.consumer.pipeline.ShardPipeline;
import io.streamwatch.consumer.window.TumblingWindowAssigner;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the consumer's pipeline core (decode, windows, anomaly rule, flush planning) over a file of
 * newline-separated records, as if they had arrived on Kinesis: record i arrives at
 * {@code 2024-01-01T00:00Z + i * interval} and goes to shard {@code i mod shards}, each shard its own {@link ShardPipeline} on its own thread, fed in
 * batches like the KCL's. The sink counts instead of writing.
 */
public final class FileReplay {

    /** Records per batch handed to a shard, like a KCL GetRecords page. */
    private static final int BATCH = 10_000;
    private static final String REPLAY_SEQUENCE = "file";
    /**
     * When the replayed stream starts: a whole number of days after the epoch, so window boundaries fall as
     * they would from 0, and never the epoch itself, which marks a record without an arrival time.
     */
    private static final long REPLAY_EPOCH_MILLIS = 1_704_067_200_000L;
    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    private FileReplay() {
    }

    /**
     * @param interval   arrival-time step between consecutive records
     * @param shards     parallel shard pipelines
     */
    public static Summary run(Path file, Duration window, Duration grace, Duration interval, int shards,
                              AnomalyRule rule) throws IOException, InterruptedException {
        long intervalNanos = interval.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(shards);
        try {
            List<Future<CountingSink>> results = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                int shard = s;
                results.add(pool.submit(() -> replayShard(file, shard, shards, intervalNanos, window, grace, rule)));
            }
            long readings = 0;
            long anomalies = 0;
            long rejected = 0;
            long flushes = 0;
            Set<Object> windows = new HashSet<>();
            for (Future<CountingSink> f : results) {
                CountingSink sink = f.get();
                readings += sink.readings;
                anomalies += sink.anomalies;
                rejected += sink.rejected;
                flushes += sink.flushes;
                windows.addAll(sink.windows);
            }
            return new Summary(readings + rejected, readings, anomalies, rejected, windows.size(), flushes);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("replay failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each shard streams the whole file through a small buffer and keeps every shards-th record. */
    private static CountingSink replayShard(Path file, int shard, int shards, long intervalNanos, Duration window,
                                            Duration grace, AnomalyRule rule) throws IOException {
        CountingSink sink = new CountingSink();
        String shardId = String.format("shardId-%012d", shard);
        ShardPipeline pipeline = new ShardPipeline(shardId, new CsvRecordDecoder(), new TumblingWindowAssigner(window),
                grace, rule, sink, 1);
        RecordBatch batch = new RecordBatch(BATCH);
        long[] index = {0};
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int filled = 0;
            while (true) {
                int n = in.read(buf, filled, buf.length - filled);
                boolean eof = n < 0;
                if (!eof) {
                    filled += n;
                }
                int start = 0;
                for (int i = indexOfNewline(buf, start, filled); i >= 0; i = indexOfNewline(buf, start, filled)) {
                    offer(buf, start, i, shard, shards, intervalNanos, index, batch, pipeline);
                    start = i + 1;
                }
                if (eof) {
                    if (start < filled) {
                        offer(buf, start, filled, shard, shards, intervalNanos, index, batch, pipeline);
                    }
                    break;
                }
                if (start == 0 && filled == buf.length) {
                    throw new IOException(file + ": a record longer than " + buf.length + " bytes");
                }
                System.arraycopy(buf, start, buf, 0, filled - start);
                filled -= start;
            }
        }
        if (!batch.isEmpty()) {
            process(pipeline, batch);
        }
        pipeline.drain(Checkpointer.NONE);
        return sink;
    }

    private static void process(ShardPipeline pipeline, RecordBatch batch) {
        // A file has no checkpoints; handle still keeps the in-flight bound if the sink were asynchronous.
        pipeline.handle(batch, 0, OptionalLong.empty(), Checkpointer.NONE);
        batch.clear();
    }

    /**
     * The index of the first {@code '\n'} in {@code buf[from, to)}, or -1. Every shard thread scans the whole
     * file, so this looks at eight bytes per step (the classic "has zero byte" bit trick on the word XORed
     * with newlines) instead of one.
     */
    static int indexOfNewline(byte[] buf, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long word = (long) LITTLE_ENDIAN_LONGS.get(buf, i) ^ NEWLINES;
            long zeroBytes = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
            if (zeroBytes != 0) {
                return i + (Long.numberOfTrailingZeros(zeroBytes) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void offer(byte[] buf, int from, int to, int shard, int shards, long intervalNanos,
                              long[] index, RecordBatch batch, ShardPipeline pipeline) {
        long i = index[0]++;
        if (i % shards != shard) {
            return;
        }
        // Lines of a CRLF file end in '\r': that is the file's line ending, not part of the record.
        int end = to > from && buf[to - 1] == '\r' ? to - 1 : to;
        // The record index as the sub-sequence number of one constant sequence number: a valid, ordered
        // position without a string per record.
        batch.add(REPLAY_SEQUENCE, i, REPLAY_EPOCH_MILLIS + i * intervalNanos / 1_000_000, buf, from, end - from);
        if (batch.size() == BATCH) {
            process(pipeline, batch);
        }
    }

    /**
     * @param records   records read
     * @param readings  records that decoded
     * @param anomalies readings above the threshold
     * @param rejected  records that did not decode
     * @param windows   distinct windows
     * @param flushes   window flushes (one per shard and window, more with late records)
     */
    public record Summary(long records, long readings, long anomalies, long rejected, int windows, long flushes) {
    }
}
