package io.streamwatch.regression.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class S3ClientsTest {

    /** A closed loopback port: nothing is ever sent anywhere. */
    private static final S3Endpoint NOWHERE = new S3Endpoint(Optional.of(URI.create("http://127.0.0.1:9")), true);

    @Test
    void noConfiguredRegionFallsBackToUsEast1() {
        assertThat(S3Clients.region(() -> {
            throw SdkClientException.create("Unable to load region from any of the providers in the chain");
        })).isEqualTo(Region.US_EAST_1);
        assertThat(S3Clients.region(() -> Region.EU_WEST_1)).isEqualTo(Region.EU_WEST_1);
    }

    @Test
    void missingCredentialsSayHowToProvideThem() {
        AwsCredentialsProvider none = () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        };
        try (S3Client client = S3Clients.create(NOWHERE, none, Region.US_EAST_1)) {
            S3Store store = new S3Store(client, 1000);

            assertThatThrownBy(() -> store.object(S3Uri.parse("s3://bucket/k.csv")))
                    .isInstanceOfSatisfying(S3InputException.class, e -> {
                        assertThat(e.kind()).isEqualTo(S3InputException.Kind.NO_CREDENTIALS);
                        assertThat(e.retryable()).isFalse();
                    })
                    .hasMessage("no AWS credentials to read s3://bucket/k.csv: set AWS_ACCESS_KEY_ID and "
                            + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (a profile in ~/.aws/config), or run with an "
                            + "instance or task role");
        }
    }

    @Test
    void anUnreachableEndpointIsRetryableAndNamesTheSetting() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (S3Client client = S3Clients.create(NOWHERE, () -> software.amazon.awssdk.auth.credentials
                .AwsBasicCredentials.create("k", "s"), Region.US_EAST_1)) {
            assertThatThrownBy(() -> new S3Store(client, 1000).object(S3Uri.parse("s3://bucket/k.csv")))
                    .isInstanceOfSatisfying(S3InputException.class, e -> assertThat(e.retryable()).isTrue())
                    .hasMessageStartingWith("cannot reach S3 for s3://bucket/k.csv after retries: ")
                    .hasMessageEndingWith("check the network (and AWS_ENDPOINT_URL_S3 if set)")
                    .hasMessageNotContaining("\n");
        } finally {
            System.setErr(stderr);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("the SDK's retries print nothing").isEmpty();
    }
}
