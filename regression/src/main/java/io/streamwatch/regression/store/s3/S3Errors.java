package io.streamwatch.regression.store.s3;

import io.streamwatch.regression.store.s3.S3InputException.Kind;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** Turns the SDK's exceptions into {@link S3InputException}s whose one-line messages say what to do. */
final class S3Errors {

    private S3Errors() {
    }

    /**
     * @param e      an SdkException, or the MissingCredentialsException the SDK lets through unwrapped
     * @param uri    what was being read or listed, for the message
     * @param listed whether the failed request listed a prefix (ListBucket) rather than read an object
     */
    static S3InputException translate(RuntimeException e, S3Uri uri, boolean listed) {
        if (hasCause(e, MissingCredentialsException.class)) {
            return new S3InputException(Kind.NO_CREDENTIALS, "no AWS credentials to read " + uri + ": set "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (a profile in ~/.aws/config), or "
                    + "run with an instance or task role", e);
        }
        if (e instanceof SdkServiceException service) {
            String code = errorCode(service);
            int status = service.statusCode();
            if ("NoSuchBucket".equals(code)) {
                return new S3InputException(Kind.NO_SUCH_BUCKET, "no such bucket: " + uri.bucket() + " (in " + uri
                        + "): check the bucket name", e);
            }
            if (status == 404 || "NoSuchKey".equals(code)) {
                return new S3InputException(Kind.NO_SUCH_OBJECT, "no such object: " + uri, e);
            }
            if (status == 403) {
                String action = listed ? "s3:ListBucket on bucket " + uri.bucket() : "s3:GetObject on it (and "
                        + "s3:ListBucket on bucket " + uri.bucket() + ")";
                return new S3InputException(Kind.ACCESS_DENIED, "access denied to " + uri + (code.isEmpty() ? ""
                        : " (" + code + ")") + ": the AWS credentials in use lack " + action
                        + "; check AWS_PROFILE / AWS_ACCESS_KEY_ID or the role's policy", e);
            }
            return new S3InputException(Kind.UNAVAILABLE, "S3 failed to serve " + uri + " after retries: HTTP "
                    + status + (code.isEmpty() ? "" : " " + code) + "; try again later", e);
        }
        return new S3InputException(Kind.UNAVAILABLE, "cannot reach S3 for " + uri + " after retries: "
                + firstLine(e.getMessage()) + "; check the network (and AWS_ENDPOINT_URL_S3 if set)", e);
    }

    private static String errorCode(SdkServiceException e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws
                && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return "";
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
