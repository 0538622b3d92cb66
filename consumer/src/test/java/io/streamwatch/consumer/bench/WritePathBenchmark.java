package io.streamwatch.consumer.bench;

import io.streamwatch.consumer.decode.SensorReading;
import io.streamwatch.consumer.pipeline.RecordMeta;
import io.streamwatch.consumer.pipeline.WindowEntry;
import io.streamwatch.consumer.sink.ItemMapper;
import io.streamwatch.consumer.sink.ItemSchemas;
import io.streamwatch.consumer.sink.ReadingItem;
import io.streamwatch.consumer.window.WindowBounds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Where a writer thread's CPU per item goes, without the network or an emulator: the consumer's item
 * mapping, the Enhanced Client's conversion to attribute maps, and one 25-item {@code BatchWriteItem}
 * through the SDK (marshalling, SigV4 signing, response parsing, retries' bookkeeping) against an
 * in-process HTTP client that reads the request body and answers as DynamoDB does. Both the Enhanced
 * Client and pre-built attribute maps go through the same SDK client. Run with
 * {@code scripts/bench-consumer.sh jmh WritePath}; not part of the test suite.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WritePathBenchmark {

    private static final int BATCH = 25;
    private static final String TABLE = "data_dump";
    private static final byte[] ANSWER = "{\"UnprocessedItems\":{}}".getBytes(StandardCharsets.UTF_8);

    private final WindowBounds bounds = new WindowBounds(1_704_067_200_000L, 1_704_067_220_000L);
    private final List<WindowEntry.Accepted> entries = new ArrayList<>();
    private final List<ReadingItem> items = new ArrayList<>();
    private final List<WriteRequest> prebuilt = new ArrayList<>();
    private DynamoDbClient client;
    private DynamoDbTable<ReadingItem> table;
    private DynamoDbEnhancedClient enhanced;
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < BATCH; i++) {
            String sequence = String.format("4968068245335839192356968099%028d", i);
            WindowEntry.Accepted entry = new WindowEntry.Accepted(
                    new RecordMeta("shardId-000000000000", sequence, 0, bounds.startMillis() + i * 40L),
                    new SensorReading("Name" + i, 10 + i, i % 3 == 0 ? "OK" : "WARN"));
            entries.add(entry);
            ReadingItem item = ItemMapper.reading(entry, bounds);
            items.add(item);
            prebuilt.add(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(ItemSchemas.READING.itemToMap(item, true)).build()).build());
        }
        client = DynamoDbClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://localhost:8000"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .httpClient(new AnsweringHttpClient()).build();
        enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        table = enhanced.table(TABLE, ItemSchemas.READING);
    }

    @TearDown
    public void tearDown() {
        client.close();
    }

    /** The consumer's entry → item mapping (keys, timestamps, decimal), per item. */
    @Benchmark
    public ReadingItem mapEntryToItem() {
        return ItemMapper.reading(entries.get(next++ % BATCH), bounds);
    }

    /** The Enhanced Client's static-schema conversion of one item to its attribute map. */
    @Benchmark
    public Map<String, AttributeValue> convertItemToAttributes() {
        return ItemSchemas.READING.itemToMap(items.get(next++ % BATCH), true);
    }

    /** 25 items through the Enhanced Client, as the sink writes them: conversion and the SDK call. */
    @Benchmark
    public BatchWriteResult batchOf25ThroughEnhancedClient() {
        WriteBatch.Builder<ReadingItem> batch = WriteBatch.builder(ReadingItem.class).mappedTableResource(table);
        items.forEach(batch::addPutItem);
        return enhanced.batchWriteItem(BatchWriteItemEnhancedRequest.builder().writeBatches(batch.build()).build());
    }

    /** 25 pre-built attribute maps through the same SDK client: the SDK's own cost. */
    @Benchmark
    public BatchWriteItemResponse batchOf25FromPrebuiltMaps() {
        return client.batchWriteItem(BatchWriteItemRequest.builder().requestItems(Map.of(TABLE, prebuilt)).build());
    }

    /** Reads each request's body, as a real client sends it, and answers 200 with nothing unprocessed. */
    private static final class AnsweringHttpClient implements SdkHttpClient {

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    request.contentStreamProvider().ifPresent(body -> {
                        try (InputStream in = body.newStream()) {
                            in.transferTo(OutputStreamSink.INSTANCE);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                                    .putHeader("Content-Length", Integer.toString(ANSWER.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(ANSWER)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    /** Discards what is written to it. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
