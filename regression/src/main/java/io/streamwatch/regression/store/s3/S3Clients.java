package io.streamwatch.regression.store.s3;

import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the S3 clients: the default credential chain, the default region chain falling back to
 * {@code us-east-1} (cross-region access on, so a bucket in another region is still read), the endpoint of
 * {@link S3Endpoint}, the SDK's standard retry mode (transient errors: 5xx, throttling, connection errors).
 * {@link #shared()} is the one client of the process: S3Client is thread-safe, and one client shares one
 * connection pool and one credential cache.
 */
public final class S3Clients {

    /** Where S3 is asked when nothing configures a region: cross-region access finds the bucket's own. */
    public static final Region FALLBACK_REGION = Region.US_EAST_1;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A read that stalls this long is broken: the SDK retries the request, or the ranged stream resumes. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private S3Clients() {
    }

    /** The process's client, built on first use from this process's settings and closed when the JVM exits. */
    public static S3Client shared() {
        return Shared.CLIENT;
    }

    /** A client of the process's settings: the endpoint from {@link S3Endpoint#fromSystem()}, the default chains. */
    public static S3Client create() {
        return create(S3Endpoint.fromSystem(), DefaultCredentialsProvider.builder().build(),
                region(() -> new DefaultAwsRegionProviderChain().getRegion()));
    }

    /**
     * A client of explicit settings (tests: the emulator, other credentials).
     *
     * @param credentials a provider whose failure to find credentials ({@link SdkClientException}) the
     *                    client reports as {@link S3InputException.Kind#NO_CREDENTIALS}
     */
    public static S3Client create(S3Endpoint endpoint, AwsCredentialsProvider credentials, Region region) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .build())
                .region(region)
                .credentialsProvider(reportingMissing(credentials))
                .crossRegionAccessEnabled(true)
                .forcePathStyle(endpoint.pathStyle())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD));
        endpoint.override().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The region a chain finds, or {@link #FALLBACK_REGION} when it finds none. */
    public static Region region(Supplier<Region> chain) {
        try {
            return chain.get();
        } catch (SdkClientException e) {
            // No region configured: S3 reads work from any region with cross-region access on.
            return FALLBACK_REGION;
        }
    }

    private static AwsCredentialsProvider reportingMissing(AwsCredentialsProvider credentials) {
        return new AwsCredentialsProvider() {
            @Override
            public AwsCredentials resolveCredentials() {
                try {
                    return credentials.resolveCredentials();
                } catch (SdkClientException e) {
                    throw new MissingCredentialsException(e);
                }
            }

            @Override
            public String toString() {
                return credentials.toString();
            }
        };
    }

    /** Lazy: a run that reads only local files never builds a client. */
    private static final class Shared {
        static final S3Client CLIENT = create();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(CLIENT::close, "s3-client-close"));
        }
    }
}
