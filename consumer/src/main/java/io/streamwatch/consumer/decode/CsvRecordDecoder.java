package io.streamwatch.consumer.decode;

import com.google.common.base.Utf8;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Decodes the producers' wire format {@code name,temperature,status}: exactly three comma-separated
 * UTF-8 fields, each trimmed of surrounding whitespace, with an optional trailing newline.
 *
 * <p>This is deliberately a strict validator for a fixed three-field record, not a general CSV parser:
 * the producers never quote fields, and a quoted, multi-line or extra-field record is a producer bug
 * that belongs in the dead-letter table rather than being silently reinterpreted (a name stored with
 * its quotes, or a field split differently than the producer meant). Working on bytes
 * keeps the hot path free of regex and intermediate strings (see {@code docs/benchmarks.md}).
 *
 * <p>Instances are not thread-safe (they keep small string caches); use one per shard.
 */
public final class CsvRecordDecoder {

    private final DecoderLimits limits;
    private final TemperatureFormat format;
    private final FieldStringCache names = new FieldStringCache(4096);
    private final FieldStringCache statuses = new FieldStringCache(64);
    /** Where {@link #decode} decodes before building its value. */
    private final ReadingScratch scratch = new ReadingScratch();

    public CsvRecordDecoder(DecoderLimits limits, TemperatureFormat format) {
        this.limits = limits;
        this.format = format;
    }

    public CsvRecordDecoder(DecoderLimits limits) {
        this(limits, TemperatureFormat.INTEGER);
    }

    public CsvRecordDecoder() {
        this(DecoderLimits.DEFAULT);
    }

    /** Decodes a whole array. */
    public DecodeResult decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes {@code length} bytes of {@code bytes} starting at {@code offset}. */
    public DecodeResult decode(byte[] bytes, int offset, int length) {
        String reason = scan(bytes, offset, length, scratch);
        return reason == null ? scratch.toReading() : new DecodeResult.Rejected(reason);
    }

    /**
     * Decodes {@code length} bytes of {@code bytes} starting at {@code offset} into {@code into}, allocating
     * nothing for a valid record: the path a shard's batches take into the windows' columns.
     *
     * @return empty when the record decoded and {@code into} holds it; otherwise why it was rejected
     *         ({@code into} then holds whatever it held before)
     */
    public Optional<String> decodeInto(byte[] bytes, int offset, int length, ReadingScratch into) {
        return Optional.ofNullable(scan(bytes, offset, length, into));
    }

    /** The decoding itself: fills {@code into} and returns null, or returns the rejection reason. */
    private String scan(byte[] bytes, int offset, int length, ReadingScratch into) {
        int end = offset + length;
        if (end > offset && bytes[end - 1] == '\n') {
            end--;
            if (end > offset && bytes[end - 1] == '\r') {
                end--;
            }
        }
        int size = end - offset;
        if (size == 0) {
            return "empty record";
        }
        if (size > limits.maxRecordBytes()) {
            return "record is " + size + " bytes, longer than the limit of " + limits.maxRecordBytes();
        }
        int firstComma = -1;
        int secondComma = -1;
        boolean ascii = true;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == ',') {
                if (firstComma < 0) {
                    firstComma = i;
                } else if (secondComma < 0) {
                    secondComma = i;
                } else {
                    return "expected 3 fields name,temperature,status but found more";
                }
            } else if (b < 0) {
                ascii = false;
            } else if (b == '\n' || b == '\r' || b == 0) {
                return "control character (newline or NUL) inside the record";
            } else if (b == '"') {
                return "quoted fields are not supported: send plain name,temperature,status";
            }
        }
        if (secondComma < 0) {
            return "expected 3 fields name,temperature,status but found " + (firstComma < 0 ? 1 : 2);
        }
        String name;
        if (ascii) {
            int nameStart = skipSpace(bytes, offset, firstComma);
            name = names.ascii(bytes, nameStart, trimEnd(bytes, nameStart, firstComma));
        } else {
            if (!Utf8.isWellFormed(bytes, offset, end - offset)) {
                return "record is not valid UTF-8";
            }
            // A well-formed record split at an ASCII comma leaves well-formed fields.
            name = names.utf8Stripped(bytes, offset, firstComma);
        }
        if (name.isEmpty()) {
            return "name is empty";
        }
        if (name.codePointCount(0, name.length()) > limits.maxNameLength()) {
            return "name is longer than " + limits.maxNameLength() + " characters";
        }
        long temperature = parseTemperature(bytes, firstComma + 1, secondComma, format == TemperatureFormat.DECIMAL);
        int error = (int) (temperature >>> 32) & 0xFF;
        if (error != 0) {
            return (format == TemperatureFormat.DECIMAL ? DECIMAL_ERRORS : TEMPERATURE_ERRORS)[error - 1];
        }
        int statusStart = skipSpace(bytes, secondComma + 1, end);
        int statusEnd = trimEnd(bytes, statusStart, end);
        if (statusStart == statusEnd) {
            return "status is empty";
        }
        if (statusEnd - statusStart > limits.maxStatusLength()) {
            return "status is longer than " + limits.maxStatusLength() + " characters";
        }
        for (int i = statusStart; i < statusEnd; i++) {
            if (!isTokenByte(bytes[i])) {
                return "status must be a single token of letters, digits, '_' or '-'";
            }
        }
        into.set(name, (int) temperature, (int) (temperature >>> 40), statuses.ascii(bytes, statusStart, statusEnd));
        return null;
    }

    /** Decodes the remaining bytes of a buffer without consuming it. */
    public DecodeResult decode(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        if (view.hasArray()) {
            return decode(view.array(), view.arrayOffset() + view.position(), view.remaining());
        }
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return decode(copy);
    }

    private static final String[] TEMPERATURE_ERRORS = {
        "temperature is empty", "temperature is not an integer", "temperature is outside the 32-bit integer range"};
    private static final String[] DECIMAL_ERRORS = {
        "temperature is empty", "temperature is not a decimal number",
        "temperature has too many digits: at most 9 decimal places, and at most 2147483647 read without the point"};

    /**
     * The temperature, or an error, packed in a long so the per-record hot path allocates nothing: a valid
     * value has its unscaled digits in the low 32 bits (an int) and its scale (decimal places, only with
     * {@code decimal}) in bits 40..47; an error is {@code code << 32} with code 1..3 indexing the errors.
     */
    private static long parseTemperature(byte[] bytes, int from, int to, boolean decimal) {
        int start = skipSpace(bytes, from, to);
        int end = trimEnd(bytes, start, to);
        if (start == end) {
            return 1L << 32;
        }
        boolean negative = false;
        int i = start;
        if (bytes[i] == '-' || bytes[i] == '+') {
            negative = bytes[i] == '-';
            i++;
            if (i == end) {
                return 2L << 32;
            }
        }
        // Accumulate as a negative number so Integer.MIN_VALUE parses without overflow.
        long value = 0;
        int scale = -1; // digits after the point; -1 before a point is seen
        int digitsBeforePoint = 0;
        for (; i < end; i++) {
            if (decimal && bytes[i] == '.' && scale < 0) {
                scale = 0;
                continue;
            }
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return 2L << 32;
            }
            if (scale >= 0) {
                scale++;
            } else {
                digitsBeforePoint++;
            }
            value = value * 10 - digit;
            if (value < Integer.MIN_VALUE || scale > SensorReading.MAX_SCALE) {
                return 3L << 32;
            }
        }
        if (scale == 0 || digitsBeforePoint == 0) {
            return 2L << 32; // "21." or ".5": a digit on each side of the point, as producers write them
        }
        if (!negative && value == Integer.MIN_VALUE) {
            return 3L << 32;
        }
        long unscaled = negative ? value : -value;
        return ((long) Math.max(scale, 0) << 40) | (unscaled & 0xFFFF_FFFFL);
    }

    private static boolean isTokenByte(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '_' || b == '-';
    }

    private static int skipSpace(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static int trimEnd(byte[] bytes, int from, int to) {
        int i = to;
        while (i > from && (bytes[i - 1] == ' ' || bytes[i - 1] == '\t')) {
            i--;
        }
        return i;
    }
}
