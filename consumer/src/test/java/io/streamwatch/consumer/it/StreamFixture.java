package io.streamwatch.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.consumer.aws.AwsClients;
import io.streamwatch.consumer.config.AwsEndpoints;
import io.streamwatch.consumer.kcl.StreamProvisioner;
import io.streamwatch.consumer.produce.KinesisPublisher;
import io.streamwatch.consumer.produce.KplAggregator;
import io.streamwatch.consumer.produce.ReadingGenerator;
import io.streamwatch.consumer.sink.TableProvisioner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * One isolated scenario: its own stream, lease table and output tables on the shared emulators, plus a
 * record of exactly what was sent so the tables can be compared item by item.
 */
final class StreamFixture implements AutoCloseable {

    final String stream;
    final String application;
    final String tablePrefix;
    private final KinesisClient kinesis;
    private final DynamoDbClient dynamoDb;
    private ReadingGenerator generator;
    private final List<String> sentValid = new ArrayList<>();
    private final List<String> sentMalformed = new ArrayList<>();
    /** Valid readings that DynamoDB refuses: dead letters, not readings. */
    private final List<String> refused = new ArrayList<>();

    StreamFixture(LocalEmulators emulators, String name, int shards, long seed) {
        this(emulators, name + "-stream", name, shards, seed);
    }

    /** A scenario on a stream of exactly this name (the deploy stack's, say), tables and lease named by {@code name}. */
    static StreamFixture named(LocalEmulators emulators, String stream, String name, int shards, long seed) {
        return new StreamFixture(emulators, stream, name, shards, seed);
    }

    /**
     * A scenario on exactly the names a deployment uses (the stream, the application = lease table, the output
     * tables' prefix), alone on its emulators.
     */
    static StreamFixture deployed(LocalEmulators emulators, String stream, String application, String tablePrefix,
                                  int shards, long seed) {
        return new StreamFixture(emulators, stream, application, tablePrefix, shards, seed);
    }

    private StreamFixture(LocalEmulators emulators, String stream, String name, int shards, long seed) {
        this(emulators, stream, name + "-app", name + "_", shards, seed);
    }

    private StreamFixture(LocalEmulators emulators, String stream, String application, String tablePrefix, int shards,
                          long seed) {
        this.stream = stream;
        this.application = application;
        this.tablePrefix = tablePrefix;
        AwsClients clients = new AwsClients(new AwsEndpoints(LocalEmulators.REGION,
                Optional.of(emulators.kinesisEndpoint()), Optional.of(emulators.dynamoDbEndpoint()), Optional.empty()));
        this.kinesis = clients.kinesis();
        this.dynamoDb = clients.dynamoDb(4);
        this.generator = new ReadingGenerator(seed, 0.05);
        new StreamProvisioner(kinesis).createMissing(stream, shards);
    }

    /** Puts {@code count} generated records (about 5 % malformed) and remembers them. */
    void send(int count) {
        KinesisPublisher publisher = new KinesisPublisher(kinesis, stream);
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ReadingGenerator.Generated g = generator.next();
            String text = new String(g.payload(), StandardCharsets.UTF_8);
            (g.malformed() ? sentMalformed : sentValid).add(text);
            batch.add(KinesisPublisher.entry(g.payload(), generator.partitionKey()));
            if (batch.size() == KinesisPublisher.MAX_BATCH) {
                publisher.put(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            publisher.put(batch);
        }
    }

    /**
     * Puts {@code count} generated records packed {@code perRecord} to a Kinesis record in the KPL's aggregated
     * format, and remembers each user record.
     */
    void sendAggregated(int count, int perRecord) {
        KinesisPublisher publisher = new KinesisPublisher(kinesis, stream);
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        List<byte[]> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ReadingGenerator.Generated g = generator.next();
            (g.malformed() ? sentMalformed : sentValid).add(new String(g.payload(), StandardCharsets.UTF_8));
            users.add(g.payload());
            if (users.size() == perRecord || i == count - 1) {
                String key = generator.partitionKey();
                batch.add(KinesisPublisher.entry(KplAggregator.aggregate(key, users), key));
                users = new ArrayList<>();
            }
            if (batch.size() == KinesisPublisher.MAX_BATCH) {
                publisher.put(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            publisher.put(batch);
        }
    }

    /**
     * From now on, readings up to {@code maxTemperature} (110: about one in ten an anomaly) with this share of
     * malformed records: a fleet that is mostly fine, for a backlog whose every item must be written and compared.
     */
    void readingsUpTo(int maxTemperature, double malformedFraction, long seed) {
        generator = new ReadingGenerator(seed, malformedFraction, maxTemperature);
    }

    /**
     * Like {@link #sendAggregated}, but fast enough for millions of user records: the aggregates are built here,
     * then put by {@code threads} parallel PutRecords calls of {@code perRequest} entries each (an aggregate of
     * 500 readings is about 10 KB; Kinesis takes at most 5 MB a request).
     */
    void sendAggregatedInParallel(int count, int perRecord, int perRequest, int threads) {
        KinesisPublisher publisher = new KinesisPublisher(kinesis, stream);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> puts = new ArrayList<>();
            List<PutRecordsRequestEntry> batch = new ArrayList<>();
            List<byte[]> users = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ReadingGenerator.Generated g = generator.next();
                (g.malformed() ? sentMalformed : sentValid).add(new String(g.payload(), StandardCharsets.UTF_8));
                users.add(g.payload());
                if (users.size() == perRecord || i == count - 1) {
                    String key = generator.partitionKey();
                    batch.add(KinesisPublisher.entry(KplAggregator.aggregate(key, users), key));
                    users = new ArrayList<>();
                }
                if (batch.size() == perRequest || (i == count - 1 && !batch.isEmpty())) {
                    List<PutRecordsRequestEntry> request = batch;
                    puts.add(pool.submit(() -> publisher.put(request)));
                    batch = new ArrayList<>();
                }
            }
            for (java.util.concurrent.Future<?> put : puts) {
                put.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a PutRecords failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Valid user records sent so far (each one item in data_dump). */
    int sentValidCount() {
        return sentValid.size();
    }

    /**
     * Puts one valid reading that DynamoDB will refuse (the fault proxy answers ValidationException for any
     * request holding {@code name}): it must end up in the dead-letter table, not in the readings.
     */
    void sendRefused(String name) {
        String text = name + ",50,OK";
        refused.add(text);
        new KinesisPublisher(kinesis, stream).put(List.of(KinesisPublisher.entry(
                text.getBytes(StandardCharsets.UTF_8), "refused-" + refused.size())));
    }

    /** Puts records the default decoder rejects (decimal temperatures, say), remembered as dead letters. */
    void sendRejected(List<String> texts) {
        sentMalformed.addAll(texts);
        new KinesisPublisher(kinesis, stream).put(texts.stream().map(t -> KinesisPublisher.entry(
                t.getBytes(StandardCharsets.UTF_8), "rejected-" + t)).toList());
    }

    /** Splits {@code shardId} in the middle of its hash range; returns once the stream is ACTIVE again. */
    void split(String shardId) {
        var shard = kinesis.listShards(b -> b.streamName(stream)).shards().stream()
                .filter(s -> s.shardId().equals(shardId)).findFirst().orElseThrow();
        var low = new java.math.BigInteger(shard.hashKeyRange().startingHashKey());
        var high = new java.math.BigInteger(shard.hashKeyRange().endingHashKey());
        kinesis.splitShard(b -> b.streamName(stream).shardToSplit(shardId)
                .newStartingHashKey(low.add(high).shiftRight(1).toString()));
        awaitActive();
    }

    /** Merges two adjacent open shards; returns once the stream is ACTIVE again. */
    void merge(String shardId, String adjacentShardId) {
        kinesis.mergeShards(b -> b.streamName(stream).shardToMerge(shardId).adjacentShardToMerge(adjacentShardId));
        awaitActive();
    }

    /** Names of the stream's registered enhanced fan-out consumers. */
    List<String> registeredConsumers() {
        String arn = kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamARN();
        return kinesis.listStreamConsumers(b -> b.streamARN(arn)).consumers().stream()
                .map(c -> c.consumerName()).toList();
    }

    /** The shards that are still open (no ending sequence number). */
    List<String> openShards() {
        return kinesis.listShards(b -> b.streamName(stream)).shards().stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .map(s -> s.shardId()).sorted().toList();
    }

    private void awaitActive() {
        try {
            Poll.until("stream " + stream + " ACTIVE", java.time.Duration.ofSeconds(30), () -> kinesis
                    .describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus()
                    == software.amazon.awssdk.services.kinesis.model.StreamStatus.ACTIVE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    int sentTotal() {
        return sentValid.size() + sentMalformed.size() + refused.size();
    }

    /** What data_dump must hold: {@code name,temperature,status} of every valid record, sorted. */
    List<String> expectedDump() {
        return sentValid.stream().sorted().toList();
    }

    List<String> expectedAnomalies() {
        return sentValid.stream().filter(s -> Integer.parseInt(s.split(",")[1]) > 100).sorted().toList();
    }

    List<String> expectedRejected() {
        List<String> all = new ArrayList<>(sentMalformed);
        all.addAll(refused);
        return all.stream().sorted().toList();
    }

    List<Map<String, AttributeValue>> items(String table) {
        try {
            return dynamoDb.scanPaginator(b -> b.tableName(tablePrefix + table)).items().stream().toList();
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
    }

    long count(String table) {
        return new TableProvisioner(dynamoDb).count(tablePrefix + table);
    }

    /** Items written in all three tables, for progress messages. */
    String progress() {
        return "data_dump=" + count("data_dump") + "/" + sentValid.size()
                + " data_anomaly=" + count("data_anomaly") + "/" + expectedAnomalies().size()
                + " data_rejected=" + count("data_rejected") + "/" + expectedRejected().size();
    }

    boolean allWritten() {
        return count("data_dump") == sentValid.size() && count("data_anomaly") == expectedAnomalies().size()
                && count("data_rejected") == expectedRejected().size();
    }

    /**
     * Every record exactly once in its table: the readings, the anomalies (those above 100) and the dead
     * letters are exactly what was sent, and no record is stored under two keys. Prints the scenario's
     * figures for the record.
     */
    void assertStoredExactlyOnce(String scenario, int exitCode) {
        List<Map<String, AttributeValue>> dump = items("data_dump");
        List<Map<String, AttributeValue>> rejected = items("data_rejected");
        assertThat(dump).extracting(StreamFixture::reading).containsExactlyInAnyOrderElementsOf(expectedDump());
        assertThat(items("data_anomaly")).extracting(StreamFixture::reading)
                .containsExactlyInAnyOrderElementsOf(expectedAnomalies());
        assertThat(rejected).extracting(StreamFixture::rejectedText)
                .containsExactlyInAnyOrderElementsOf(expectedRejected());
        java.util.Set<String> origins = new java.util.HashSet<>();
        dump.forEach(i -> origins.add(origin(i)));
        rejected.forEach(i -> origins.add(origin(i)));
        assertThat(origins).as("distinct (shard, sequence, sub-sequence) stored").hasSize(sentTotal());
        System.out.printf("scenario=%s sent=%d stored=%d lost=0 duplicated=0 exit=%d%n", scenario, sentTotal(),
                dump.size() + rejected.size(), exitCode);
    }

    private static String origin(Map<String, AttributeValue> item) {
        return item.get("shardId").s() + "/" + item.get("sequenceNumber").s() + "/"
                + item.get("subSequenceNumber").n();
    }

    static String reading(Map<String, AttributeValue> item) {
        return item.get("id").s() + "," + item.get("currentTemp").n() + "," + item.get("status").s();
    }

    static String rejectedText(Map<String, AttributeValue> item) {
        return item.get("payload") == null ? "" : item.get("payload").b().asUtf8String();
    }

    @Override
    public void close() {
        kinesis.close();
        dynamoDb.close();
    }
}
