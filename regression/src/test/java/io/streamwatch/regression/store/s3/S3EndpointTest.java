package io.streamwatch.regression.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3EndpointTest {

    @Test
    void nothingSetMeansAwsItself() {
        assertThat(S3Endpoint.resolve(Map.of(), Map.of())).isEqualTo(S3Endpoint.AWS);
    }

    @Test
    void theServiceSpecificVariableWinsOverTheGlobalOne() {
        S3Endpoint endpoint = S3Endpoint.resolve(
                Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4568", "AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
                Map.of());

        assertThat(endpoint.override()).contains(URI.create("http://127.0.0.1:4568"));
    }

    @Test
    void systemPropertiesWinOverTheEnvironmentAsInTheSdk() {
        assertThat(S3Endpoint.resolve(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1"),
                Map.of("aws.endpointUrlS3", "http://127.0.0.1:2")).override())
                .contains(URI.create("http://127.0.0.1:2"));
        assertThat(S3Endpoint.resolve(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:3"),
                Map.of("aws.endpointUrl", "http://127.0.0.1:4")).override())
                .contains(URI.create("http://127.0.0.1:4"));
        assertThat(S3Endpoint.resolve(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:5"),
                Map.of("aws.endpointUrl", "http://127.0.0.1:6")).override())
                .as("service-specific before global").contains(URI.create("http://127.0.0.1:5"));
    }

    @Test
    void theGlobalVariableAloneIsUsed() {
        assertThat(S3Endpoint.resolve(Map.of("AWS_ENDPOINT_URL", "https://s3.example.test"), Map.of()))
                .isEqualTo(new S3Endpoint(Optional.of(URI.create("https://s3.example.test")), false));
    }

    @Test
    void loopbackEndpointsUsePathStyleAddressing() {
        for (String url : new String[] {"http://localhost:4568", "http://127.0.0.1:4568", "http://127.10.0.3",
                "http://[::1]:4568", "http://LOCALHOST"}) {
            assertThat(S3Endpoint.resolve(Map.of("AWS_ENDPOINT_URL_S3", url), Map.of()).pathStyle()).as(url).isTrue();
        }
        for (String url : new String[] {"https://s3.eu-west-1.amazonaws.com", "http://10.0.0.5:9000",
                "http://minio.internal:9000"}) {
            assertThat(S3Endpoint.resolve(Map.of("AWS_ENDPOINT_URL_S3", url), Map.of()).pathStyle()).as(url).isFalse();
        }
    }

    @Test
    void ignoringConfiguredEndpointsMeansAws() {
        assertThat(S3Endpoint.resolve(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"), Map.of())).isEqualTo(S3Endpoint.AWS);
        assertThat(S3Endpoint.resolve(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1"),
                Map.of("aws.ignoreConfiguredEndpointUrls", "TRUE"))).isEqualTo(S3Endpoint.AWS);
    }

    @Test
    void blankValuesAreUnset() {
        assertThat(S3Endpoint.resolve(Map.of("AWS_ENDPOINT_URL_S3", " ", "AWS_ENDPOINT_URL", "http://127.0.0.1:7"),
                Map.of()).override()).contains(URI.create("http://127.0.0.1:7"));
    }

    @Test
    void aValueThatIsNotAnHttpUrlNamesTheSetting() {
        assertThatThrownBy(() -> S3Endpoint.resolve(Map.of("AWS_ENDPOINT_URL_S3", "localhost:4568"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_ENDPOINT_URL_S3='localhost:4568' is not an endpoint URL")
                .hasMessageContaining("http://127.0.0.1:4568");
    }
}
