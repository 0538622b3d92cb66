package io.streamwatch.regression.store.s3;

import io.streamwatch.regression.store.InputObject;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * One S3 object as an {@link InputObject}. Each {@link #open} sends one GET for exactly its range
 * ({@code Range: bytes=start-(end-1)}, never a suffix range; no Range header when it is the whole object),
 * and when the stream breaks mid-way, one more GET for what it had not yet delivered. Thread-safe: it holds
 * only the shared client and immutable fields.
 */
public final class S3InputObject implements InputObject {

    private final S3Client client;
    private final S3Uri uri;
    private final long size;

    /** @param size its length as HEAD or a listing gave it */
    public S3InputObject(S3Client client, S3Uri uri, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + uri);
        }
        this.client = client;
        this.uri = uri;
        this.size = size;
    }

    public S3Uri uri() {
        return uri;
    }

    @Override
    public String name() {
        return uri.toString();
    }

    @Override
    public String fileName() {
        return uri.fileName();
    }

    @Override
    public long size() {
        return size;
    }

    /**
     * @throws IllegalArgumentException     for a range outside {@code [0, size]}
     * @throws S3InputException naming the object when the first GET fails (after the SDK's retries)
     */
    @Override
    public InputStream open(long start, long end) {
        if (start < 0 || end < start || end > size) {
            throw new IllegalArgumentException("range [" + start + ", " + end + ") is outside " + uri + " (" + size
                    + " bytes)");
        }
        if (start == end) {
            return InputStream.nullInputStream();
        }
        return new RangedStream(this, start, end);
    }

    /** One GET of {@code [from, end)}: the body, positioned at {@code from} (see {@link RangedStream}). */
    ResponseInputStream<GetObjectResponse> get(long from, long end) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(uri.bucket()).key(uri.key());
        if (from != 0 || end != size) {
            request.range("bytes=" + from + "-" + (end - 1));
        }
        try {
            return client.getObject(request.build());
        } catch (SdkException | MissingCredentialsException e) {
            throw S3Errors.translate(e, uri, false);
        }
    }

    @Override
    public String toString() {
        return uri + " (" + size + " bytes)";
    }
}
