package io.streamwatch.regression.store.s3;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/key} URI as the AWS CLI writes it: the key taken literally (no percent-decoding).
 * A key that is empty or ends with {@code /} names a prefix ({@code s3://bucket/prefix/}, or the whole
 * bucket); any other names one object — or, when no such object exists, the "directory" {@code key/}.
 *
 * @param bucket the bucket name
 * @param key    the object key or prefix, without a leading {@code /}; empty for the bucket's root
 */
public record S3Uri(String bucket, String key) {

    private static final String SCHEME = "s3://";
    /** S3's rules for bucket names: 3 to 63 lowercase letters, digits, dots and hyphens. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Uri {
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("'" + bucket + "' is not an S3 bucket name: bucket names are 3 to 63 "
                    + "lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit");
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("the S3 key '" + key + "' starts with '/': write s3://" + bucket + "/"
                    + key.replaceFirst("^/+", ""));
        }
    }

    /** Whether an argument is meant as an S3 URI (it starts with {@code s3://}, in any case). */
    public static boolean isS3(String argument) {
        return argument.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * Parses {@code s3://bucket/key}, {@code s3://bucket/prefix/} or {@code s3://bucket}.
     *
     * @throws IllegalArgumentException saying what a valid URI looks like, for anything else
     */
    public static S3Uri parse(String uri) {
        if (!isS3(uri)) {
            String hint = uri.toLowerCase(Locale.ROOT).matches("s3[an]://.*")
                    ? ": write s3:// instead of " + uri.substring(0, uri.indexOf("://") + 3)
                    : "";
            throw new IllegalArgumentException("'" + uri + "' is not an S3 URI (s3://bucket/key or s3://bucket/prefix/)"
                    + hint);
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("'" + uri + "' names no bucket: write s3://bucket/key or "
                    + "s3://bucket/prefix/");
        }
        try {
            return new S3Uri(bucket, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + uri + "': " + e.getMessage(), e);
        }
    }

    /** Whether it names a prefix: the bucket's root or a key ending with {@code /}. */
    public boolean isPrefix() {
        return key.isEmpty() || key.endsWith("/");
    }

    /** The same place as a prefix: {@code key/} ({@code s3://b/dir} read as the directory {@code s3://b/dir/}). */
    public S3Uri asPrefix() {
        return isPrefix() ? this : new S3Uri(bucket, key + "/");
    }

    /** Another key in the same bucket. */
    public S3Uri withKey(String otherKey) {
        return new S3Uri(bucket, otherKey);
    }

    /** The key's last segment: an object's file name ({@code part-00000.csv}); empty for a prefix. */
    public String fileName() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
