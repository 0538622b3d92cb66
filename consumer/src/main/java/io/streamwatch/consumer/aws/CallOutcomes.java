package io.streamwatch.consumer.aws;

import io.streamwatch.consumer.status.FailureStreak;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Tells a {@link FailureStreak} whether a client's calls reach the service, after the SDK's own retries:
 * the KCL's lease-table client, whose failures the KCL only logs. A call the service answered with a 4xx
 * (a lease another worker holds fails its conditional check) reached it; a transport failure, a 5xx or
 * throttling did not get through. Thread-safe, as the SDK requires of interceptors.
 */
public final class CallOutcomes implements ExecutionInterceptor {

    private static final int MAX_MESSAGE = 200;

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
        if (failure instanceof AwsServiceException service && service.statusCode() < 500
                && !service.isThrottlingException()) {
            streak.succeeded();
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        streak.failed((operation == null ? "" : operation + ": ") + describe(failure));
    }

    /** The failure's type and the first line of its message, short enough for a health line. */
    static String describe(Throwable failure) {
        String message = Objects.toString(failure.getMessage(), "").lines().findFirst().orElse("");
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        return failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
