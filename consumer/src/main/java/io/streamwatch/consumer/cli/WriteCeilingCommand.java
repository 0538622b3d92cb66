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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import io.streamwatch.consumer.sink.ItemMapper;
import io.streamwatch.consumer.sink.ItemSchemas;
import io.streamwatch.consumer.sink.ReadingItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
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
            description = "The SDK's HTTP client: apache (the consumer's), url_connection, or netty (the async "
                    + "client with the Enhanced async API, the same batches and requests in flight; not the "
                    + "consumer's sink, for comparison) (default ${DEFAULT-VALUE}).")
    String httpClient;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || warmupRuns < 0 || items < 1) {
            throw new SettingsException("--runs and --items must be positive and --warmup-runs not negative");
        }
        TableNames tables = new TableNames(prefix + "dump", prefix + "anomaly", prefix + "rejected");
        ExecutorService writers = Executors.newFixedThreadPool(concurrency);
        AwsClients clients = new AwsClients(aws.endpoints());
        boolean netty = httpClient.equalsIgnoreCase("netty");
        AwsClients.HttpClientKind syncKind = netty ? AwsClients.HttpClientKind.APACHE : syncKind(httpClient);
        try (DynamoDbClient dynamoDb = clients.dynamoDb(concurrency, syncKind);
             DynamoDbAsyncClient asyncDynamoDb = netty ? clients.dynamoDbAsyncForWrites(concurrency) : null) {
            new TableProvisioner(dynamoDb).createMissing(tables);
            DynamoDbSink sink = DynamoDbSink.standard(dynamoDb, tables, writers, RetryGate.FOREVER,
                    RetryingBatchWriter.RetryListener.NONE, (table, n) -> { }, Optional.empty());
            AsyncBatches async = netty ? new AsyncBatches(asyncDynamoDb, tables.dump(), concurrency) : null;
            List<Double> rates = new ArrayList<>();
            List<Double> cpuPerItem = new ArrayList<>();
            List<Double> cpuWithoutJitPerItem = new ArrayList<>();
            for (int run = 0; run < warmupRuns + runs; run++) {
                WindowFlush flush = flush(run);
                long cpuStart = processCpuNanos();
                var withoutJitStart = ThreadCpu.withoutCompilerNanos();
                long start = System.nanoTime();
                if (netty) {
                    async.write(flush);
                } else {
                    sink.write(flush).join();
                }
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

    private static AwsClients.HttpClientKind syncKind(String name) {
        try {
            return AwsClients.HttpClientKind.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SettingsException("--http-client must be apache, url_connection or netty, got " + name);
        }
    }

    /**
     * The same 25-item batches through the Enhanced Client's async API on the Netty client, at most
     * {@code concurrency} requests in flight, unprocessed items sent again: the async write path measured
     * beside the sink's threads and blocking client.
     */
    private static final class AsyncBatches {
        private final DynamoDbEnhancedAsyncClient enhanced;
        private final DynamoDbAsyncTable<ReadingItem> table;
        private final int concurrency;

        AsyncBatches(DynamoDbAsyncClient client, String tableName, int concurrency) {
            this.enhanced = DynamoDbEnhancedAsyncClient.builder().dynamoDbClient(client).build();
            this.table = enhanced.table(tableName, ItemSchemas.READING);
            this.concurrency = concurrency;
        }

        void write(WindowFlush flush) throws InterruptedException {
            List<ReadingItem> items = flush.readings().stream().map(e -> ItemMapper.reading(e, flush.bounds())).toList();
            Semaphore inFlight = new Semaphore(concurrency);
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int from = 0; from < items.size(); from += 25) {
                inFlight.acquire();
                writes.add(send(items.subList(from, Math.min(items.size(), from + 25)))
                        .whenComplete((done, failure) -> inFlight.release()));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        }

        private CompletableFuture<Void> send(List<ReadingItem> batch) {
            WriteBatch.Builder<ReadingItem> request = WriteBatch.builder(ReadingItem.class).mappedTableResource(table);
            batch.forEach(request::addPutItem);
            return enhanced.batchWriteItem(BatchWriteItemEnhancedRequest.builder().writeBatches(request.build()).build())
                    .thenCompose(result -> {
                        List<ReadingItem> unprocessed = result.unprocessedPutItemsForTable(table);
                        return unprocessed.isEmpty() ? CompletableFuture.completedFuture(null) : send(unprocessed);
                    });
        }
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
