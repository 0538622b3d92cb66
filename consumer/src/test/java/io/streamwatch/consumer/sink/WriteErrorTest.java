package io.streamwatch.consumer.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class WriteErrorTest {

    @ParameterizedTest(name = "{0} ({1}) is {2}")
    @CsvSource({
            "ProvisionedThroughputExceededException, 400, RETRYABLE",
            "ThrottlingException, 400, RETRYABLE",
            "RequestLimitExceeded, 400, RETRYABLE",
            "InternalServerError, 500, RETRYABLE",
            "ServiceUnavailable, 503, RETRYABLE",
            "TransactionConflictException, 400, RETRYABLE",
            "SomeCodeNobodyHasSeen, 400, RETRYABLE",
            "ValidationException, 400, ITEM_REJECTED",
            "SerializationException, 400, ITEM_REJECTED",
            "ItemCollectionSizeLimitExceededException, 400, ITEM_REJECTED",
            "ResourceNotFoundException, 400, TABLE_FAULT",
            "AccessDeniedException, 400, TABLE_FAULT",
            "UnrecognizedClientException, 400, TABLE_FAULT",
    })
    void serviceErrorsAreClassifiedByTheirErrorCode(String code, int status, WriteError expected) {
        DynamoDbException failure = (DynamoDbException) DynamoDbException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("why")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build())
                .build();
        assertThat(WriteError.of(failure)).isEqualTo(expected);
        assertThat(WriteError.describe(failure)).isEqualTo(code + ": why");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"connection", "timeout"})
    void noAnswerFromTheServiceIsRetryable(String kind) {
        RuntimeException failure = kind.equals("timeout")
                ? ApiCallTimeoutException.create(20_000) : SdkClientException.create("Connection refused");
        assertThat(WriteError.of(failure)).isEqualTo(WriteError.RETRYABLE);
    }

    @Test
    void aRequestTheClientCannotBuildIsRejectedNotRetried() {
        assertThat(WriteError.of(new IllegalArgumentException("partition key must not be null")))
                .isEqualTo(WriteError.ITEM_REJECTED);
    }
}
