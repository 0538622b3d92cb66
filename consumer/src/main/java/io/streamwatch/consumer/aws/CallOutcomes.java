package io.streamwatch.consumer.aws;

import io.streamwatch.consumer.status.FailureStreak;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Tells a {@link FailureStreak} whether a client's calls work, after the SDK's own retries: the KCL's
 * lease-table and Kinesis clients, whose failures the KCL only logs. Every failure counts (transport, 5xx,
 * throttling, and any 4xx: AccessDenied after an IAM change, a deleted table, an expired token), except the
 * answers the KCL gets in normal operation: a conditional check failing because another worker holds or
 * just took a lease, a table or consumer that already exists, and a lease table not found by the
 * DescribeTable that precedes its creation at first start. Thread-safe, as the SDK requires of interceptors.
 */
public final class CallOutcomes implements ExecutionInterceptor {

    private static final int MAX_MESSAGE = 200;
    /** Error codes the KCL meets in normal operation, on any call. */
    private static final Set<String> EXPECTED = Set.of("ConditionalCheckFailedException", "ResourceInUseException");
    /** Operations for which ResourceNotFound is how the KCL asks whether something exists yet. */
    private static final Set<String> PROBES = Set.of("DescribeTable", "DescribeStreamConsumer");

    private final FailureStreak streak;

    public CallOutcomes(FailureStreak streak) {
        this.streak = Objects.requireNonNull(streak, "streak");
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        streak.succeeded();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (expected(failure, operation)) {
            streak.succeeded();
            return;
        }
        streak.failed((operation == null ? "" : operation + ": ") + describe(failure));
    }

    private static boolean expected(Throwable failure, String operation) {
        if (!(failure instanceof AwsServiceException service) || service.awsErrorDetails() == null) {
            return false;
        }
        String code = Objects.toString(service.awsErrorDetails().errorCode(), "");
        return EXPECTED.contains(code) || ("ResourceNotFoundException".equals(code) && PROBES.contains(operation));
    }

    /** The failure's type and the first line of its message, short enough for a health line. */
    static String describe(Throwable failure) {
        String message = Objects.toString(failure.getMessage(), "").lines().findFirst().orElse("");
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        // The service's error code (AccessDeniedException, ResourceNotFoundException) says more than the SDK's
        // class (DynamoDbException) for every error that has no class of its own.
        String name = failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null ? service.awsErrorDetails().errorCode()
                : failure.getClass().getSimpleName();
        return name + (message.isEmpty() ? "" : ": " + message);
    }
}
