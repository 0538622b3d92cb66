package io.streamwatch.regression.store.s3;

import io.streamwatch.regression.store.InputObject;
import io.streamwatch.regression.store.InputSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Resolves {@code s3://} URIs to {@link InputSet}s: an object (its size from HEAD), or the data objects
 * directly under a prefix in key order (from ListObjectsV2, page by page), {@code _SUCCESS}, other
 * {@code _}-prefixed and hidden names skipped, and — like the files in a local directory — nothing in
 * deeper "subdirectories" ({@code prefix/_temporary/...}, {@code prefix/year=2024/...}). Thread-safe.
 */
public final class S3Store {

    /** ListObjectsV2's own maximum. */
    public static final int DEFAULT_PAGE_SIZE = 1000;

    private final S3Client client;
    private final int pageSize;

    /** @param pageSize keys per ListObjectsV2 page (1 to 1000): small in tests, to exercise paging */
    public S3Store(S3Client client, int pageSize) {
        if (pageSize < 1 || pageSize > DEFAULT_PAGE_SIZE) {
            throw new IllegalArgumentException("page size " + pageSize + " is not in 1.." + DEFAULT_PAGE_SIZE);
        }
        this.client = client;
        this.pageSize = pageSize;
    }

    /** The store on the process's shared client ({@link S3Clients#shared()}). */
    public static S3Store shared() {
        return Holder.SHARED;
    }

    /**
     * What an {@code s3://} URI names: a prefix ({@code s3://b/p/}) lists; a key ({@code s3://b/k}) is that
     * object or, when there is none but there are objects under {@code k/}, that "directory".
     *
     * @throws S3InputException with a one-line message: no such bucket, no such object, no objects under a
     *                          prefix, access denied, no credentials, or S3 unavailable after retries
     */
    public InputSet resolve(S3Uri uri) {
        if (uri.isPrefix()) {
            return new InputSet(uri.toString(), true, nonEmpty(uri, list(uri)));
        }
        try {
            return new InputSet(uri.toString(), false, List.of(object(uri)));
        } catch (S3InputException missing) {
            if (missing.kind() != S3InputException.Kind.NO_SUCH_OBJECT) {
                throw missing;
            }
            List<InputObject> parts = list(uri.asPrefix());
            if (parts.isEmpty()) {
                throw missing;
            }
            return new InputSet(uri.toString(), true, parts);
        }
    }

    /**
     * One object, its size from HEAD.
     *
     * @throws S3InputException {@code no such object: s3://b/k} for a missing key (HEAD's 404 has no body,
     *                          so a missing bucket is reported so too), and the others of {@link #resolve}
     */
    public S3InputObject object(S3Uri uri) {
        try {
            HeadObjectResponse head = client.headObject(r -> r.bucket(uri.bucket()).key(uri.key()));
            return new S3InputObject(client, uri, head.contentLength());
        } catch (SdkException | MissingCredentialsException e) {
            throw S3Errors.translate(e, uri, false);
        }
    }

    /**
     * The data objects directly under a prefix, in key order; empty when there are none.
     *
     * @throws S3InputException for a missing bucket, denied access, missing credentials, S3 unavailable
     */
    public List<InputObject> list(S3Uri prefix) {
        S3Uri dir = prefix.asPrefix();
        List<S3Object> found = new ArrayList<>();
        String token = null;
        try {
            do {
                ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(dir.bucket())
                        .prefix(dir.key()).delimiter("/").maxKeys(pageSize);
                if (token != null) {
                    request.continuationToken(token);
                }
                ListObjectsV2Response page = client.listObjectsV2(request.build());
                found.addAll(page.contents());
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException | MissingCredentialsException e) {
            throw S3Errors.translate(e, dir, true);
        }
        return found.stream()
                .sorted(Comparator.comparing(S3Object::key))
                .map(o -> new S3InputObject(client, dir.withKey(o.key()), o.size()))
                .filter(o -> o.uri().key().startsWith(dir.key()) && InputSet.isDataName(o.fileName()))
                .map(InputObject.class::cast)
                .toList();
    }

    private static List<InputObject> nonEmpty(S3Uri prefix, List<InputObject> parts) {
        if (parts.isEmpty()) {
            throw new S3InputException(S3InputException.Kind.EMPTY_PREFIX, "no objects under " + prefix
                    + " (_SUCCESS and hidden objects are skipped): check the prefix", null);
        }
        return parts;
    }

    private static final class Holder {
        static final S3Store SHARED = new S3Store(S3Clients.shared(), DEFAULT_PAGE_SIZE);
    }
}
