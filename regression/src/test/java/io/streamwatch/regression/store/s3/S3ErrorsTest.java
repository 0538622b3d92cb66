package io.streamwatch.regression.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.regression.store.s3.S3InputException.Kind;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ErrorsTest {

    private static final S3Uri OBJECT = S3Uri.parse("s3://data-bucket/in/part-0.csv");

    private static S3Exception s3(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    @Test
    void aMissingBucketIsNamed() {
        S3InputException e = S3Errors.translate(s3(404, "NoSuchBucket"), OBJECT, true);

        assertThat(e.kind()).isEqualTo(Kind.NO_SUCH_BUCKET);
        assertThat(e).hasMessage("no such bucket: data-bucket (in s3://data-bucket/in/part-0.csv): check the bucket name");
    }

    @Test
    void aHeadWithoutMessageIsAMissingObject() {
        S3InputException e = S3Errors.translate(s3(404, null), OBJECT, false);

        assertThat(e.kind()).isEqualTo(Kind.NO_SUCH_OBJECT);
        assertThat(e).hasMessage("no such object: s3://data-bucket/in/part-0.csv");
    }

    @Test
    void deniedAccessSaysWhichPermissionIsMissing() {
        S3InputException read = S3Errors.translate(s3(403, "AccessDenied"), OBJECT, false);
        S3InputException list = S3Errors.translate(s3(403, "InvalidAccessKeyId"), OBJECT.withKey("in/"), true);

        assertThat(read.kind()).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(read).hasMessage("access denied to s3://data-bucket/in/part-0.csv (AccessDenied): the AWS "
                + "credentials in use lack s3:GetObject on it (and s3:ListBucket on bucket data-bucket); check "
                + "AWS_PROFILE / AWS_ACCESS_KEY_ID or the role's policy");
        assertThat(list).hasMessageStartingWith("access denied to s3://data-bucket/in/ (InvalidAccessKeyId): the "
                + "AWS credentials in use lack s3:ListBucket on bucket data-bucket");
    }

    @Test
    void serverErrorsLeftAfterRetriesAreRetryable() {
        S3InputException e = S3Errors.translate(s3(503, "SlowDown"), OBJECT, false);

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessage("S3 failed to serve s3://data-bucket/in/part-0.csv after retries: HTTP 503 SlowDown; "
                + "try again later");
    }
}
