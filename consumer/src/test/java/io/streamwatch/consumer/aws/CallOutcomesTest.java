package io.streamwatch.consumer.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.streamwatch.consumer.status.FailureStreak;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class CallOutcomesTest {

    private final AtomicLong now = new AtomicLong(1);
    private final FailureStreak streak = new FailureStreak(now::get, Duration.ofSeconds(5));
    private final CallOutcomes outcomes = new CallOutcomes(streak);
    private final ExecutionAttributes attributes = new ExecutionAttributes()
            .putAttribute(SdkExecutionAttribute.OPERATION_NAME, "UpdateItem");

    private void fail(Throwable failure) {
        Context.FailedExecution context = mock(Context.FailedExecution.class);
        when(context.exception()).thenReturn(failure);
        outcomes.onExecutionFailure(context, attributes);
    }

    private void sixSecondsLater() {
        now.addAndGet(Duration.ofSeconds(6).toNanos());
    }

    @Test
    void transportFailuresServerErrorsAndThrottlingAreFailuresNamedByOperation() {
        fail(SdkClientException.create("Unable to execute HTTP request: Connection refused\n\tmore detail"));
        sixSecondsLater();
        assertThat(streak.failing()).hasValueSatisfying(f -> assertThat(f.lastFailure())
                .isEqualTo("UpdateItem: SdkClientException: Unable to execute HTTP request: Connection refused"));

        // As the SDK builds it from the service's answer: the error code marks it as throttling.
        fail(ProvisionedThroughputExceededException.builder().message("slow down").statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .build());
        assertThat(streak.failing()).hasValueSatisfying(f -> assertThat(f.lastFailure())
                .contains("ProvisionedThroughputExceededException"));
        fail(DynamoDbException.builder().message("internal").statusCode(500).build());
        assertThat(streak.failing()).isPresent();
    }

    @Test
    void aConditionalCheckFailingIsTheKclsNormalLeaseContentionNotAFailure() {
        fail(SdkClientException.create("Connection refused"));
        sixSecondsLater();
        fail(serviceError("ConditionalCheckFailedException", "lease held by another worker"));
        assertThat(streak.failing()).isEmpty();
    }

    @Test
    void accessDeniedAndAMissingTableAreFailuresThoughTheServiceAnswered() {
        fail(serviceError("AccessDeniedException", "User: arn:aws:sts::1:assumed-role/task is not authorized"));
        sixSecondsLater();
        assertThat(streak.failing()).hasValueSatisfying(f -> assertThat(f.lastFailure())
                .startsWith("UpdateItem: AccessDeniedException: User: arn:aws:sts::1:assumed-role/task is not authorized"));
        fail(serviceError("ResourceNotFoundException", "Requested resource not found"));
        assertThat(streak.failing()).isPresent();
    }

    @Test
    void aTableNotFoundByTheDescribeBeforeItsCreationIsNormal() {
        fail(SdkClientException.create("Connection refused"));
        sixSecondsLater();
        Context.FailedExecution context = mock(Context.FailedExecution.class);
        when(context.exception()).thenReturn(serviceError("ResourceNotFoundException", "Requested resource not found"));
        outcomes.onExecutionFailure(context, new ExecutionAttributes()
                .putAttribute(SdkExecutionAttribute.OPERATION_NAME, "DescribeTable"));
        assertThat(streak.failing()).isEmpty();
    }

    private static DynamoDbException serviceError(String code, String message) {
        return (DynamoDbException) DynamoDbException.builder().message(message).statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    @Test
    void aSuccessfulCallEndsTheRun() {
        fail(SdkClientException.create("Connection refused"));
        sixSecondsLater();
        outcomes.afterExecution(mock(Context.AfterExecution.class), attributes);
        assertThat(streak.failing()).isEmpty();
    }
}
