package io.streamwatch.consumer.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Region and optional endpoint overrides (for emulators or VPC endpoints). Credentials are never part of
 * the settings: they come from the SDK's default provider chain.
 */
public record AwsEndpoints(String region, Optional<URI> kinesis, Optional<URI> dynamoDb, Optional<URI> cloudWatch) {
    public AwsEndpoints {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(kinesis, "kinesis");
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(cloudWatch, "cloudWatch");
    }

    /** True when the Kinesis endpoint is on this machine's loopback: an emulator. */
    public boolean loopbackKinesis() {
        return kinesis.map(u -> {
            String host = u.getHost();
            return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
        }).orElse(false);
    }

    /** True when Kinesis is an emulator reached over plain HTTP (needs HTTP/1.1 and no CBOR). */
    public boolean plainHttpKinesis() {
        return kinesis.map(u -> "http".equalsIgnoreCase(u.getScheme())).orElse(false);
    }
}
