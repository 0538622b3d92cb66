package io.streamwatch.consumer.sink;

import io.streamwatch.consumer.pipeline.SinkException;
import io.streamwatch.consumer.pipeline.WindowFlush;
import io.streamwatch.consumer.pipeline.WindowSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;

/**
 * Writes closed windows to DynamoDB through the Enhanced Client: 25-item BatchWriteItem requests,
 * several in flight on a pool shared by every shard, each retried by {@link RetryingBatchWriter} until
 * every item is accepted, or refused for good and dead-lettered in the rejected table. A window's future
 * completes when its last request has, so the caller can checkpoint then.
 */
public final class DynamoDbSink implements WindowSink {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbSink.class);

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<ReadingItem> dump;
    private final DynamoDbTable<ReadingItem> anomaly;
    private final DynamoDbTable<RejectedItem> rejected;
    private final ExecutorService writers;
    private final RetryingBatchWriter<ReadingItem> readingWriter;
    private final RetryingBatchWriter<RejectedItem> rejectedWriter;
    private final WriteListener listener;
    private final java.util.Optional<java.time.Duration> dumpTimeToLive;

    /**
     * @param writers        pool the batch requests run on; its size is the number of requests in flight
     * @param dumpTimeToLive when present, raw readings in the dump table expire this long after arrival
     */
    public DynamoDbSink(DynamoDbEnhancedClient client, TableNames tables, ExecutorService writers,
                        RetryingBatchWriter<ReadingItem> readingWriter,
                        RetryingBatchWriter<RejectedItem> rejectedWriter, WriteListener listener,
                        java.util.Optional<java.time.Duration> dumpTimeToLive) {
        this.client = client;
        this.dump = client.table(tables.dump(), ItemSchemas.READING);
        this.anomaly = client.table(tables.anomaly(), ItemSchemas.READING);
        this.rejected = client.table(tables.rejected(), ItemSchemas.REJECTED);
        this.writers = writers;
        this.readingWriter = readingWriter;
        this.rejectedWriter = rejectedWriter;
        this.listener = listener;
        this.dumpTimeToLive = dumpTimeToLive;
    }

    /**
     * The sink as the service builds it: 25-item batches on {@code writers}, retried with full-jitter
     * backoff from 50 ms to 10 s until {@code gate} says stop; a table that stays unwritable for a minute
     * fails its windows with a {@link TableFaultException}.
     */
    public static DynamoDbSink standard(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb,
                                        TableNames tables, ExecutorService writers, RetryGate gate,
                                        RetryingBatchWriter.RetryListener retries, WriteListener written,
                                        java.util.Optional<java.time.Duration> dumpTimeToLive) {
        BackoffPolicy backoff = new BackoffPolicy(java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(10));
        java.time.Duration patience = java.time.Duration.ofMinutes(1);
        return new DynamoDbSink(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build(), tables, writers,
                new RetryingBatchWriter<>(backoff, Sleeper.REAL, gate, retries, patience, System::nanoTime),
                new RetryingBatchWriter<>(backoff, Sleeper.REAL, gate, retries, patience, System::nanoTime),
                written, dumpTimeToLive);
    }

    @Override
    public CompletableFuture<Void> write(WindowFlush flush) {
        List<CompletableFuture<Void>> chunks = new ArrayList<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        submit(chunks, dump, readingWriter, flush.readings(),
                e -> ItemMapper.reading(e, flush.bounds(), dumpTimeToLive), this::deadLetterReading, cancelled);
        submit(chunks, anomaly, readingWriter, flush.anomalies(), e -> ItemMapper.reading(e, flush.bounds()),
                this::deadLetterReading, cancelled);
        submit(chunks, rejected, rejectedWriter, flush.rejected(), e -> ItemMapper.rejected(e, flush.bounds()),
                DynamoDbSink::unstorable, cancelled);
        // allOf fails with the first failure it sees; report every failed chunk instead.
        CompletableFuture<Void> window = CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new))
                .handle((ignored, anyFailure) -> {
                    if (anyFailure != null) {
                        throw new CompletionException(failureOf(chunks));
                    }
                    return null;
                });
        // Cancelling the window (its shard's lease was lost) skips its chunks that have not started.
        window.whenComplete((ignored, failure) -> {
            if (window.isCancelled()) {
                cancelled.set(true); // running chunks stop retrying
                chunks.forEach(chunk -> chunk.cancel(false));
            }
        });
        return window;
    }

    private static SinkException failureOf(List<CompletableFuture<Void>> chunks) {
        SinkException failure = null;
        int failed = 0;
        for (CompletableFuture<Void> chunk : chunks) {
            if (!chunk.isCompletedExceptionally()) {
                continue;
            }
            failed++;
            SinkException next = SinkException.of(chunk.handle((ignored, e) -> e).join(), "batch write");
            if (failure == null) {
                failure = next;
            } else if (failed <= 10) {
                failure.addSuppressed(next); // enough to diagnose, without hundreds of stack traces
            }
        }
        return failure;
    }

    /**
     * Queues one task per 25-item chunk. Items are built in the task, on a writer thread, so a window
     * waiting in the queue holds only its entries, not a second copy as items.
     */
    private <E, T> void submit(List<CompletableFuture<Void>> chunks, DynamoDbTable<T> table,
                               RetryingBatchWriter<T> writer, List<E> entries, Function<E, T> toItem,
                               RetryingBatchWriter.DeadLetter<T> deadLetter, AtomicBoolean cancelled) {
        for (int from = 0; from < entries.size(); from += RetryingBatchWriter.MAX_BATCH) {
            List<E> slice = entries.subList(from, Math.min(entries.size(), from + RetryingBatchWriter.MAX_BATCH));
            chunks.add(CompletableFuture.runAsync(() -> {
                List<T> chunk = new ArrayList<>(slice.size());
                for (E entry : slice) {
                    chunk.add(toItem.apply(entry));
                }
                try {
                    writer.writeChunk(table.tableName(), chunk, items -> batchWrite(table, items), deadLetter,
                            cancelled::get);
                    listener.written(table.tableName(), chunk.size());
                } catch (SinkException e) {
                    throw new CompletionException(e);
                }
            }, writers));
        }
    }

    /** A reading the service refused for good: kept in the dead-letter table with the service's reason. */
    private void deadLetterReading(ReadingItem item, String table, String reason) throws SinkException {
        RejectedItem letter = ItemMapper.refusedReading(item, table, reason);
        LOG.warn("DynamoDB refused item {} of {} for good ({}); kept in {}", item.getEventKey(), table, reason,
                rejected.tableName());
        rejectedWriter.writeChunk(rejected.tableName(), List.of(letter), items -> batchWrite(rejected, items),
                DynamoDbSink::unstorable, () -> false);
        listener.written(rejected.tableName(), 1);
    }

    /**
     * A dead letter the dead-letter table itself refuses. There is nowhere left to keep it, so it is logged
     * whole at ERROR (the log is where the operator finds it) and the shard goes on.
     */
    private static void unstorable(RejectedItem item, String table, String reason) {
        LOG.error("Dead letter refused by {} ({}); it is kept only in this log line: shard={} sequence={} "
                        + "subSequence={} arrival={} reason={} payload={}", table, reason, item.getShardId(),
                item.getSequenceNumber(), item.getSubSequenceNumber(), item.getArrivalTime(), item.getReason(),
                item.getPayloadText());
    }

    private <T> List<T> batchWrite(DynamoDbTable<T> table, List<T> items) {
        WriteBatch.Builder<T> batch = WriteBatch.builder(table.tableSchema().itemType().rawClass())
                .mappedTableResource(table);
        items.forEach(batch::addPutItem);
        BatchWriteResult result = client.batchWriteItem(
                BatchWriteItemEnhancedRequest.builder().writeBatches(batch.build()).build());
        return result.unprocessedPutItemsForTable(table);
    }

    /** Told how many items reached each table, for metrics. */
    @FunctionalInterface
    public interface WriteListener {
        void written(String table, int items);
    }
}
