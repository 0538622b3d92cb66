package io.streamwatch.consumer.startup;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Runs the worker's first call to each AWS service and turns what commonly goes wrong there into one
 * {@link StartupException} line that names the fix: no credentials, an endpoint that cannot be reached,
 * access denied, a resource that does not exist. Anything else is rethrown as it is.
 */
public final class Preflight {

    /** How one service is reached: its name, its endpoint override and the setting that sets it. */
    public record Service(String name, Optional<URI> endpoint, String endpointSetting, String region) {
    }

    private Preflight() {
    }

    /**
     * Runs {@code call}.
     *
     * @param resource        what the call needs, e.g. "Kinesis stream 'readings'"
     * @param permission      the IAM action the call needs, e.g. "kinesis:DescribeStreamSummary"
     * @param missingFix      what to do when the resource does not exist
     * @throws StartupException for the failures above
     */
    public static <T> T check(Service service, String resource, String permission, String missingFix,
                              java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw explain(service, resource, permission, missingFix, e).orElseThrow(() -> e);
        }
    }

    static Optional<StartupException> explain(Service service, String resource, String permission, String missingFix,
                                              RuntimeException failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to load credentials")) {
            return Optional.of(new StartupException("No AWS credentials found: set AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run with an IAM role (ECS task role, instance "
                    + "profile)", 2, e));
        }
        if (causedBy(e, ConnectException.class) || causedBy(e, UnknownHostException.class)
                || causedBy(e, UnresolvedAddressException.class) || message.contains("Connection refused")) {
            String where = service.endpoint().map(URI::toString)
                    .orElse("its AWS endpoint in region " + service.region());
            return Optional.of(new StartupException("Cannot reach " + service.name() + " at " + where + ": check "
                    + service.endpointSetting() + " and --region / AWS_REGION, and that the network allows it",
                    service.endpoint().isPresent() ? 2 : 1, e));
        }
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String code = String.valueOf(aws.awsErrorDetails().errorCode());
            if (code.equals("ResourceNotFoundException")) {
                return Optional.of(new StartupException(resource + " does not exist in region " + service.region()
                        + ": " + missingFix, 2, e));
            }
            if (code.equals("AccessDeniedException") || code.equals("UnrecognizedClientException")
                    || code.equals("InvalidSignatureException") || code.equals("ExpiredTokenException")) {
                return Optional.of(new StartupException(service.name() + " refused the credentials for " + resource
                        + " (" + code + "): allow " + permission + " on it to this role, or check the credentials",
                        2, e));
            }
        }
        return Optional.empty();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
