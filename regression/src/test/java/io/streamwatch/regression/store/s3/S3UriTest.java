package io.streamwatch.regression.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3UriTest {

    @Test
    void anObjectUriHasItsBucketKeyAndFileName() {
        S3Uri uri = S3Uri.parse("s3://my-bucket/data/2024/part-00000.csv");

        assertThat(uri.bucket()).isEqualTo("my-bucket");
        assertThat(uri.key()).isEqualTo("data/2024/part-00000.csv");
        assertThat(uri.fileName()).isEqualTo("part-00000.csv");
        assertThat(uri.isPrefix()).isFalse();
        assertThat(uri).hasToString("s3://my-bucket/data/2024/part-00000.csv");
    }

    @Test
    void aTrailingSlashOrNoKeyNamesAPrefix() {
        assertThat(S3Uri.parse("s3://my-bucket/data/").isPrefix()).isTrue();
        assertThat(S3Uri.parse("s3://my-bucket/").key()).isEmpty();
        assertThat(S3Uri.parse("s3://my-bucket")).isEqualTo(new S3Uri("my-bucket", ""));
        assertThat(S3Uri.parse("s3://my-bucket").isPrefix()).isTrue();
    }

    @Test
    void aKeyReadAsADirectoryGainsASlash() {
        assertThat(S3Uri.parse("s3://b-1/data").asPrefix()).isEqualTo(new S3Uri("b-1", "data/"));
        assertThat(S3Uri.parse("s3://b-1/data/").asPrefix()).isEqualTo(new S3Uri("b-1", "data/"));
    }

    @Test
    void theKeyIsTakenLiterally() {
        assertThat(S3Uri.parse("s3://b-1/a b/c%20d+e.csv").key()).isEqualTo("a b/c%20d+e.csv");
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        assertThat(S3Uri.isS3("S3://b-1/k")).isTrue();
        assertThat(S3Uri.parse("S3://b-1/k")).isEqualTo(new S3Uri("b-1", "k"));
        assertThat(S3Uri.isS3("/tmp/s3://x")).isFalse();
    }

    @Test
    void malformedUrisSayWhatAValidOneLooksLike() {
        assertThatThrownBy(() -> S3Uri.parse("s3://")).hasMessageContaining("names no bucket")
                .hasMessageContaining("s3://bucket/key");
        assertThatThrownBy(() -> S3Uri.parse("s3:///key")).hasMessageContaining("names no bucket");
        assertThatThrownBy(() -> S3Uri.parse("s3://My_Bucket/key"))
                .hasMessageContaining("'My_Bucket' is not an S3 bucket name")
                .hasMessageContaining("3 to 63 lowercase letters");
        assertThatThrownBy(() -> S3Uri.parse("s3://ab/key")).hasMessageContaining("not an S3 bucket name");
        assertThatThrownBy(() -> S3Uri.parse("s3://bucket//key")).hasMessageContaining("write s3://bucket/key");
        assertThatThrownBy(() -> S3Uri.parse("s3a://bucket/key")).hasMessageContaining("write s3:// instead of s3a://");
        assertThatThrownBy(() -> S3Uri.parse("/local/file.csv")).hasMessageContaining("is not an S3 URI");
    }
}
