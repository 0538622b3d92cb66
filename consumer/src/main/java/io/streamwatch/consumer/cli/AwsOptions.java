package io.streamwatch.consumer.cli;

import io.streamwatch.consumer.config.AwsEndpoints;
import io.streamwatch.consumer.config.SettingsException;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Region and endpoint overrides shared by every command. */
public final class AwsOptions {

    @Option(names = "--region", defaultValue = "${env:AWS_REGION:-us-east-1}",
            description = "AWS region (env AWS_REGION; default ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--kinesis-endpoint", defaultValue = "${env:KINESIS_ENDPOINT}",
            description = "Kinesis endpoint override, e.g. http://localhost:4568 (env KINESIS_ENDPOINT).")
    String kinesisEndpoint;

    @Option(names = "--dynamodb-endpoint", defaultValue = "${env:DYNAMODB_ENDPOINT}",
            description = "DynamoDB endpoint override, e.g. http://localhost:8000 (env DYNAMODB_ENDPOINT).")
    String dynamoDbEndpoint;

    @Option(names = "--cloudwatch-endpoint", defaultValue = "${env:CLOUDWATCH_ENDPOINT}",
            description = "CloudWatch endpoint override (env CLOUDWATCH_ENDPOINT).")
    String cloudWatchEndpoint;

    AwsEndpoints endpoints() {
        return new AwsEndpoints(region, uri("--kinesis-endpoint / KINESIS_ENDPOINT", kinesisEndpoint),
                uri("--dynamodb-endpoint / DYNAMODB_ENDPOINT", dynamoDbEndpoint),
                uri("--cloudwatch-endpoint / CLOUDWATCH_ENDPOINT", cloudWatchEndpoint));
    }

    private static Optional<URI> uri(String setting, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(setting + ": '" + value + "' is not an http(s) URL like http://localhost:4568");
        }
    }
}
