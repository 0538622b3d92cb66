package io.streamwatch.consumer.decode;

/**
 * Size caps applied while decoding, so one oversized or hostile record cannot bloat a window.
 *
 * @param maxRecordBytes  longest accepted raw record, in bytes (after stripping one trailing newline)
 * @param maxNameLength   longest accepted name, in characters
 * @param maxStatusLength longest accepted status token, in characters
 */
public record DecoderLimits(int maxRecordBytes, int maxNameLength, int maxStatusLength) {

    /** Defaults generous for real names and statuses, tight enough to bound memory. */
    public static final DecoderLimits DEFAULT = new DecoderLimits(1024, 256, 32);

    public DecoderLimits {
        if (maxRecordBytes < 5 || maxNameLength < 1 || maxStatusLength < 1) {
            throw new IllegalArgumentException("decoder limits must be positive and allow a minimal record");
        }
    }
}
