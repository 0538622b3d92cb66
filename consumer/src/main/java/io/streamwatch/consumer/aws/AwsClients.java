package io.streamwatch.consumer.aws;

import io.streamwatch.consumer.config.AwsEndpoints;
import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.Http2Configuration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.utils.AttributeMap;
import software.amazon.kinesis.common.KinesisClientUtil;

/**
 * Builds the AWS SDK clients from region and endpoint overrides. Credentials always come from the SDK's
 * default chain (environment, system properties, profile, container or instance role).
 */
public final class AwsClients {

    private final AwsEndpoints endpoints;
    private final Region region;

    public AwsClients(AwsEndpoints endpoints) {
        this.endpoints = endpoints;
        this.region = Region.of(endpoints.region());
        if ((endpoints.plainHttpKinesis() || endpoints.loopbackKinesis()) && System.getProperty("aws.cborEnabled") == null) {
            // Kinesis emulators speak JSON only; must be set before the first Kinesis client is built.
            System.setProperty("aws.cborEnabled", "false");
        }
    }

    /**
     * The Kinesis client the KCL reads with: HTTP/2 as the KCL configures it (enhanced fan-out needs it).
     * Plain-HTTP emulators need HTTP/1.1 instead. An HTTPS endpoint on this machine's loopback is an
     * emulator's TLS port with a self-signed certificate (kinesis-local's, for SubscribeToShard), so its
     * certificate is not checked; every other endpoint's is.
     */
    public KinesisAsyncClient kinesisAsync() {
        return kinesisAsync(new ExecutionInterceptor() {
        });
    }

    /** {@link #kinesisAsync()}, each call's outcome told to {@code outcomes}. */
    public KinesisAsyncClient kinesisAsync(ExecutionInterceptor outcomes) {
        var builder = KinesisAsyncClient.builder().region(region)
                .overrideConfiguration(c -> c.addExecutionInterceptor(outcomes));
        endpoints.kinesis().ifPresent(builder::endpointOverride);
        if (endpoints.plainHttpKinesis()) {
            builder.httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1));
            return builder.build();
        }
        if (!endpoints.loopbackKinesis()) {
            return KinesisClientUtil.createKinesisAsyncClient(builder);
        }
        // The KCL's own HTTP/2 settings (KinesisClientUtil), with the emulator's certificate accepted.
        builder.httpClient(NettyNioAsyncHttpClient.builder()
                .maxConcurrency(Integer.MAX_VALUE)
                .http2Configuration(Http2Configuration.builder().initialWindowSize(512 * 1024)
                        .healthCheckPingPeriod(Duration.ofSeconds(60)).build())
                .protocol(Protocol.HTTP2)
                // Kinesis on AWS takes HTTP/2 with prior knowledge; kinesis-local picks h2 by ALPN only.
                .protocolNegotiation(ProtocolNegotiation.ALPN)
                .buildWithDefaults(AttributeMap.builder()
                        .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE).build()));
        return builder.build();
    }

    public KinesisClient kinesis() {
        var builder = KinesisClient.builder().region(region).httpClientBuilder(ApacheHttpClient.builder());
        endpoints.kinesis().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The DynamoDB client the KCL keeps its leases with, each call's outcome told to {@code outcomes}. */
    public DynamoDbAsyncClient dynamoDbAsync(ExecutionInterceptor outcomes) {
        var builder = DynamoDbAsyncClient.builder().region(region)
                .overrideConfiguration(c -> c.addExecutionInterceptor(outcomes));
        endpoints.dynamoDb().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The DynamoDB client the sink writes with. Standard retry mode (3 attempts, jittered backoff) and not
     * adaptive: adaptive mode rate-limits the whole client on the client side, and under heavy throttling
     * of one table it held every shard's writes to a crawl, until calls hit their timeout waiting for a
     * token (seen in the throttling integration test). {@code RetryingBatchWriter} backs off per chunk
     * after the SDK's attempts, and the shards' bounded windows in flight are the backpressure.
     */
    public DynamoDbClient dynamoDb(int maxConnections) {
        return dynamoDb(maxConnections, HttpClientKind.APACHE);
    }

    /** The sync HTTP clients the SDK offers, for the DynamoDB writes; measured by {@code write-ceiling}. */
    public enum HttpClientKind { APACHE, URL_CONNECTION }

    /** {@link #dynamoDb(int)} with a chosen HTTP client. */
    public DynamoDbClient dynamoDb(int maxConnections, HttpClientKind kind) {
        int connections = Math.max(maxConnections, 10);
        var builder = DynamoDbClient.builder().region(region);
        switch (kind) {
            case APACHE -> builder.httpClientBuilder(ApacheHttpClient.builder().maxConnections(connections)
                    .connectionTimeout(Duration.ofSeconds(2)));
            case URL_CONNECTION -> builder.httpClientBuilder(
                    software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()
                            .connectionTimeout(Duration.ofSeconds(2)));
        }
        builder.overrideConfiguration(writeCalls());
        endpoints.dynamoDb().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The write clients' retries and timeouts. */
    private static ClientOverrideConfiguration writeCalls() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallAttemptTimeout(Duration.ofSeconds(10))
                // Bounds a call and the SDK's own retries, so no write outlives a drain by much.
                .apiCallTimeout(Duration.ofSeconds(20))
                .build();
    }

    /**
     * A DynamoDB client on the SDK's async Netty HTTP client, for {@code write-ceiling --http-client netty}
     * only: the same retry mode and timeouts as the sink's, {@code maxConnections} connections.
     */
    public DynamoDbAsyncClient dynamoDbAsyncForWrites(int maxConnections) {
        var builder = DynamoDbAsyncClient.builder().region(region)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(Math.max(maxConnections, 10)))
                .overrideConfiguration(writeCalls());
        endpoints.dynamoDb().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public CloudWatchAsyncClient cloudWatchAsync() {
        var builder = CloudWatchAsyncClient.builder().region(region);
        endpoints.cloudWatch().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
