package io.streamwatch.consumer.bench;

import io.streamwatch.consumer.decode.CsvRecordDecoder;
import io.streamwatch.consumer.decode.SensorReading;
import io.streamwatch.consumer.pipeline.RecordMeta;
import io.streamwatch.consumer.pipeline.WindowEntry;
import io.streamwatch.consumer.produce.ReadingGenerator;
import io.streamwatch.consumer.window.ShardWindows;
import io.streamwatch.consumer.window.TumblingWindowAssigner;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Retained heap per buffered reading, as the KCL path buffers them: 1,000,000 records decoded by the
 * consumer's decoder (names and statuses from its string cache), each with a fresh 56-digit Kinesis
 * sequence number as the KCL hands it over (a new String per record), a WindowEntry and its RecordMeta,
 * buffered in one shard's open windows at 5,000 records a second (ten open 20 s windows). Reads the heap after a full GC before and after. Not a test:
 * {@code scripts/bench-consumer.sh memory}.
 */
public final class BufferedReadingMemory {

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        ReadingGenerator generator = new ReadingGenerator(1, 0);
        CsvRecordDecoder decoder = new CsvRecordDecoder();
        byte[][] payloads = new byte[4096][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = generator.next().payload();
        }
        String shardId = "shardId-000000000000";
        boolean objects = args.length > 1 && args[1].equals("objects");
        ShardWindows<WindowEntry> windows = objects
                ? new ShardWindows<>(new TumblingWindowAssigner(Duration.ofSeconds(20)), Duration.ofSeconds(2))
                : new ShardWindows<>(new TumblingWindowAssigner(Duration.ofSeconds(20)), Duration.ofSeconds(2),
                        io.streamwatch.consumer.pipeline.ColumnarEntries::new);
        long before = usedAfterGc();
        long arrival = 1_764_600_000_000L;
        for (int i = 0; i < count; i++) {
            SensorReading reading = (SensorReading) decoder.decode(payloads[i & 4095]);
            // Real sequence numbers are 56 digits; each record's is its own String, as the KCL gives it.
            String sequence = new StringBuilder("49680682453358391923569680990000000000000000")
                    .append(String.format("%012d", i)).toString();
            // 5,000 records a second: 100,000 a 20 s window, ten windows open (none closes: no watermark).
            windows.add(arrival + i / 5, new WindowEntry.Accepted(new RecordMeta(shardId, sequence, 0,
                    arrival + i / 5), reading));
        }
        long after = usedAfterGc();
        System.out.printf("buffered %d readings in %d open windows: %.1f bytes of retained heap per reading%n",
                count, windows.openWindows().size(), (after - before) / (double) count);
        System.out.printf("bytes_per_buffered_reading=%.1f%n", (after - before) / (double) count);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
