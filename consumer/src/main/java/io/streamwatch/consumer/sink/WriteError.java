package io.streamwatch.consumer.sink;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * What a failed DynamoDB write means for the retry loop. DynamoDB's error codes decide, not exception
 * classes: the SDK maps some codes to classes and leaves others as plain {@code DynamoDbException}.
 */
public enum WriteError {

    /** Throttling, capacity, 5xx, timeouts, connection failures: retry with backoff for as long as it takes. */
    RETRYABLE,
    /**
     * The service refused the request for what it holds (ValidationException, an item over 400 KB, a key
     * attribute of the wrong type): retrying the same items can never succeed. A batch is split to find
     * the item; that item goes to the dead-letter table and the rest are written.
     */
    ITEM_REJECTED,
    /**
     * The table cannot be written at all (missing, access denied, bad credentials): no item of the worker
     * can be written until an operator fixes it.
     */
    TABLE_FAULT;

    private static final Set<String> ITEM_CODES = Set.of("ValidationException", "SerializationException",
            "ItemCollectionSizeLimitExceededException");
    private static final Set<String> TABLE_CODES = Set.of("ResourceNotFoundException", "AccessDeniedException",
            "UnrecognizedClientException", "InvalidSignatureException", "MissingAuthenticationTokenException",
            "IncompleteSignatureException", "NotAuthorized");

    /** Classifies a failed BatchWriteItem call. */
    public static WriteError of(RuntimeException failure) {
        if (failure instanceof SdkClientException) {
            return RETRYABLE; // no answer from the service: network, timeout, endpoint down
        }
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            if (code != null && TABLE_CODES.contains(code)) {
                return TABLE_FAULT;
            }
            if (code != null && ITEM_CODES.contains(code)) {
                return ITEM_REJECTED;
            }
        }
        if (failure instanceof SdkServiceException) {
            // Throttling, 5xx, and codes not known to be permanent: when unsure, retrying is the safe side
            // (it can delay a shard, but never dead-letters an item that would have been written).
            return RETRYABLE;
        }
        // Not from the service: the Enhanced Client refused to build the request (a null key, say).
        return failure instanceof IllegalArgumentException ? ITEM_REJECTED : RETRYABLE;
    }

    /** The service's own words, for the dead-letter reason and the log line. */
    public static String describe(RuntimeException failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
