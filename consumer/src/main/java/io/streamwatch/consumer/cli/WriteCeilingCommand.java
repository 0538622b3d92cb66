package io.streamwatch.consumer.cli;

import io.streamwatch.consumer.aws.AwsClients;
import io.streamwatch.consumer.config.SettingsException;
import io.streamwatch.consumer.decode.SensorReading;
import io.streamwatch.consumer.pipeline.RecordMeta;
import io.streamwatch.consumer.pipeline.RecordPosition;
import io.streamwatch.consumer.pipeline.WindowEntry;
import io.streamwatch.consumer.pipeline.WindowFlush;
import io.streamwatch.consumer.sink.DynamoDbSink;
import io.streamwatch.consumer.sink.RetryGate;
import io.streamwatch.consumer.sink.RetryingBatchWriter;
import io.streamwatch.consumer.sink.TableNames;
import io.streamwatch.consumer.sink.TableProvisioner;
import io.streamwatch.consumer.window.WindowBounds;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code write-ceiling}: how fast DynamoDB accepts the consumer's items from one client, through the
 * consumer's own sink (same item size, batch size and concurrency). The end-to-end benchmark compares the
 * consumer's throughput with this.
 */
@Command(name = "write-ceiling", mixinStandardHelpOptions = true,
        description = "Measure BatchWriteItem throughput of reading items through the consumer's sink.")
public final class WriteCeilingCommand implements Callable<Integer> {

    @Mixin
    AwsOptions aws;

    @Option(names = "--items", defaultValue = "20000", description = "Items per run (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--runs", defaultValue = "4", description = "Measured runs; the median is reported (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup-runs", defaultValue = "1",
            description = "Runs before the measured ones, not counted: the first run of a fresh JVM is about half "
                    + "as fast (default ${DEFAULT-VALUE}).")
    int warmupRuns;

    @Option(names = "--write-concurrency", defaultValue = "8", description = "Requests in flight (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--table-prefix", defaultValue = "ceiling_", description = "Prefix of the scratch tables.")
    String prefix;

    @Option(names = "--http-client", defaultValue = "apache",
            description = "The SDK's HTTP client: apache (the consumer's) or url_connection (default ${DEFAULT-VALUE}).")
    AwsClients.HttpClientKind httpClient;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || warmupRuns < 0 || items < 1) {
            throw new SettingsException("--runs and --items must be positive and --warmup-runs not negative");
        }
        TableNames tables = new TableNames(prefix + "dump", prefix + "anomaly", prefix + "rejected");
        ExecutorService writers = Executors.newFixedThreadPool(concurrency);
        AtomicLong written = new AtomicLong();
        try (DynamoDbClient dynamoDb = new AwsClients(aws.endpoints()).dynamoDb(concurrency, httpClient)) {
            new TableProvisioner(dynamoDb).createMissing(tables);
            DynamoDbSink sink = DynamoDbSink.standard(dynamoDb, tables, writers, RetryGate.FOREVER,
                    RetryingBatchWriter.RetryListener.NONE, (table, n) -> written.addAndGet(n), Optional.empty());
            List<Double> rates = new ArrayList<>();
            List<Double> cpuPerItem = new ArrayList<>();
            List<Double> cpuWithoutJitPerItem = new ArrayList<>();
            for (int run = 0; run < warmupRuns + runs; run++) {
                WindowFlush flush = flush(run);
                long cpuStart = processCpuNanos();
                var withoutJitStart = ThreadCpu.withoutCompilerNanos();
                long start = System.nanoTime();
                sink.write(flush).join();
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuMicrosPerItem = (processCpuNanos() - cpuStart) / 1e3 / items;
                var withoutJitEnd = ThreadCpu.withoutCompilerNanos();
                double withoutJitMicrosPerItem = withoutJitStart.isPresent() && withoutJitEnd.isPresent()
                        ? (withoutJitEnd.getAsLong() - withoutJitStart.getAsLong()) / 1e3 / items : Double.NaN;
                boolean warmup = run < warmupRuns;
                if (!warmup) {
                    rates.add(items / seconds);
                    cpuPerItem.add(cpuMicrosPerItem);
                    cpuWithoutJitPerItem.add(withoutJitMicrosPerItem);
                }
                System.out.printf("%s %d: %d items in %.2f s = %.0f items/s, client CPU %.0f us/item"
                                + " (%.0f without the JIT compiler's threads)%n",
                        warmup ? "warm-up" : "run", warmup ? run + 1 : run - warmupRuns + 1, items, seconds,
                        items / seconds, cpuMicrosPerItem, withoutJitMicrosPerItem);
            }
            System.out.printf("write_ceiling_items_per_second=%.0f%n", median(rates));
            // What one client spends per item, to compare with the consumer's (which also reads and decodes).
            System.out.printf("write_ceiling_client_cpu_us_per_item=%.0f%n", median(cpuPerItem));
            // The same once compiled: a short run's client CPU is about half C2 compiling the SDK.
            System.out.printf("write_ceiling_client_cpu_us_per_item_without_jit=%.0f%n", median(cpuWithoutJitPerItem));
        } finally {
            writers.shutdownNow();
        }
        return 0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /** CPU time of the whole process (all threads: writers, SDK, compiler, collector). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Items shaped like the consumer's: a name, a temperature at or below 100 (dump table only), real-looking keys. */
    private WindowFlush flush(int run) {
        long base = System.currentTimeMillis();
        WindowBounds bounds = new WindowBounds(base - base % 20_000, base - base % 20_000 + 20_000);
        List<WindowEntry.Accepted> readings = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            String sequence = String.format("4968068245335839192356968099%028d", (long) run * items + i);
            readings.add(new WindowEntry.Accepted(
                    new RecordMeta("shardId-000000000000", new RecordPosition(sequence, 0), base + i / 50),
                    new SensorReading("Name" + (i % 500), 10 + i % 91, i % 3 == 0 ? "OK" : "WARN")));
        }
        return new WindowFlush("shardId-000000000000", bounds, readings, List.of(), List.of());
    }
}
