package io.streamwatch.consumer.cli;

import io.streamwatch.consumer.aws.AwsClients;
import io.streamwatch.consumer.config.DurationParser;
import io.streamwatch.consumer.produce.KinesisPublisher;
import io.streamwatch.consumer.produce.KplAggregator;
import io.streamwatch.consumer.produce.ReadingGenerator;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** {@code produce}: a load generator for the stream, or a file of records for benchmarks and backfills. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Send generated name,temperature,status records to Kinesis (or to a file with --out).")
public final class ProduceCommand implements Callable<Integer> {

    @Mixin
    AwsOptions aws;

    @Option(names = "--stream", defaultValue = "${env:STREAM_NAME}", description = "Kinesis stream (env STREAM_NAME).")
    String stream;

    @Option(names = "--rate", defaultValue = "100", description = "Records per second, 0 = as fast as possible (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--count", defaultValue = "0", description = "Records to send, 0 = until --duration or Ctrl-C.")
    long count;

    @Option(names = "--duration", description = "Stop after this long, e.g. 60s.")
    String duration;

    @Option(names = "--malformed", defaultValue = "0", description = "Fraction of malformed records, 0..1 (default ${DEFAULT-VALUE}).")
    double malformed;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Write newline-separated records to this file instead of Kinesis.")
    Path out;

    @Option(names = "--aggregate", defaultValue = "1",
            description = "User records per Kinesis record, in the KPL's aggregated format (default ${DEFAULT-VALUE}: not aggregated).")
    int aggregate;

    @Override
    public Integer call() throws Exception {
        if (rate < 0 || count < 0 || (count == 0 && duration == null && out != null) || aggregate < 1
                || (aggregate > 1 && out != null)) {
            System.err.println("produce: --rate and --count must be >= 0, --out needs --count, and --aggregate "
                    + "must be >= 1 and is for Kinesis only");
            return 2;
        }
        long deadlineNanos = duration == null ? Long.MAX_VALUE
                : System.nanoTime() + DurationParser.parse("--duration", duration).toNanos();
        ReadingGenerator generator = new ReadingGenerator(seed, malformed);
        Totals totals = out != null ? toFile(generator) : toKinesis(generator, deadlineNanos);
        System.out.printf("sent=%d malformed=%d anomalies(>100)=%d seconds=%.1f%n", totals.sent, totals.malformed,
                totals.anomalies, totals.seconds);
        return 0;
    }

    private Totals toFile(ReadingGenerator generator) throws java.io.IOException {
        long start = System.nanoTime();
        Totals totals = new Totals();
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            for (long i = 0; i < count; i++) {
                ReadingGenerator.Generated g = generator.next();
                os.write(g.payload());
                os.write('\n');
                totals.add(g);
            }
        }
        totals.seconds = (System.nanoTime() - start) / 1e9;
        return totals;
    }

    private Totals toKinesis(ReadingGenerator generator, long deadlineNanos) {
        if (stream == null || stream.isBlank()) {
            throw new io.streamwatch.consumer.config.SettingsException("--stream / STREAM_NAME: required");
        }
        long start = System.nanoTime();
        Totals totals = new Totals();
        try (KinesisClient kinesis = new AwsClients(aws.endpoints()).kinesis()) {
            KinesisPublisher publisher = new KinesisPublisher(kinesis, stream);
            int batchSize = rate == 0 ? KinesisPublisher.MAX_BATCH * aggregate
                    : Math.max(1, Math.min(KinesisPublisher.MAX_BATCH * aggregate, rate / 5));
            while ((count == 0 || totals.sent < count) && System.nanoTime() < deadlineNanos) {
                int n = (int) (count == 0 ? batchSize : Math.min(batchSize, count - totals.sent));
                List<PutRecordsRequestEntry> batch = new ArrayList<>(n / aggregate + 1);
                List<byte[]> user = new ArrayList<>(aggregate);
                for (int i = 0; i < n; i++) {
                    ReadingGenerator.Generated g = generator.next();
                    totals.add(g);
                    if (aggregate == 1) {
                        batch.add(KinesisPublisher.entry(g.payload(), generator.partitionKey()));
                        continue;
                    }
                    user.add(g.payload());
                    if (user.size() == aggregate || i == n - 1) {
                        String key = generator.partitionKey();
                        batch.add(KinesisPublisher.entry(KplAggregator.aggregate(key, user), key));
                        user = new ArrayList<>(aggregate);
                    }
                }
                publisher.put(batch);
                if (rate > 0) {
                    // Pace to the target rate: sleep until the time the records sent so far were due.
                    long dueNanos = start + (long) (totals.sent * 1e9 / rate);
                    long wait = dueNanos - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait).toMillis());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        totals.seconds = (System.nanoTime() - start) / 1e9;
        return totals;
    }

    private static final class Totals {
        long sent;
        long malformed;
        long anomalies;
        double seconds;

        void add(ReadingGenerator.Generated g) {
            sent++;
            if (g.malformed()) {
                malformed++;
            } else if (g.temperature() > 100) {
                anomalies++;
            }
        }
    }
}
