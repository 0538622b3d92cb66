package io.streamwatch.consumer.bench;

import io.streamwatch.consumer.decode.CsvRecordDecoder;
import io.streamwatch.consumer.decode.DecodeResult;
import io.streamwatch.consumer.produce.ReadingGenerator;
import io.streamwatch.consumer.window.ShardWindows;
import io.streamwatch.consumer.window.TumblingWindowAssigner;
import io.streamwatch.consumer.window.WindowBounds;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-record costs of the pipeline core. Run with {@code scripts/bench-consumer.sh jmh}; not part of the
 * test suite (the class name does not end in Test).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipelineBenchmark {

    private static final int RECORDS = 4096;
    private byte[][] records;
    private byte[][] malformed;
    private final CsvRecordDecoder decoder = new CsvRecordDecoder();
    private final TumblingWindowAssigner assigner = new TumblingWindowAssigner(Duration.ofSeconds(20));
    private ShardWindows<Object> windows;
    private int next;
    private long arrival;

    @Setup
    public void setUp() {
        ReadingGenerator valid = new ReadingGenerator(1, 0);
        ReadingGenerator bad = new ReadingGenerator(2, 1.0);
        records = new byte[RECORDS][];
        malformed = new byte[RECORDS][];
        for (int i = 0; i < RECORDS; i++) {
            records[i] = valid.next().payload();
            malformed[i] = bad.next().payload();
        }
        windows = new ShardWindows<>(assigner, Duration.ofSeconds(2));
    }

    @Benchmark
    public DecodeResult decodeValidRecord() {
        return decoder.decode(records[next++ & (RECORDS - 1)]);
    }

    @Benchmark
    public DecodeResult decodeMalformedRecord() {
        return decoder.decode(malformed[next++ & (RECORDS - 1)]);
    }

    @Benchmark
    public WindowBounds assignWindow() {
        arrival += 7;
        return assigner.windowOf(arrival);
    }

    /** Buffering in a window, closing it every 100,000 records (a 20 s window at 5,000 records/s). */
    @Benchmark
    public int bufferInWindow() {
        arrival += 200;
        windows.add(arrival / 1000, records[next++ & (RECORDS - 1)]);
        if ((next % 100_000) == 0) {
            windows.advanceWatermark(Long.MAX_VALUE);
            windows.closeReady().forEach(windows::release);
        }
        return windows.bufferedCount();
    }
}
