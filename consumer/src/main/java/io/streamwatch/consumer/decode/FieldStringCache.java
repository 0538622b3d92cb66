package io.streamwatch.consumer.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small direct-mapped cache of field strings keyed by their raw bytes. Names and statuses repeat heavily
 * in sensor traffic, so decoding returns the cached instance instead of allocating a new string per
 * record: less garbage, and windows that hold 100,000 readings share a few hundred strings. Names outside
 * ASCII ({@code Chloé}) are cached like the rest; before, each such record cost its own string, held for
 * the whole window. A slot holds one string; a collision simply replaces it. Not thread-safe: one per
 * decoder.
 */
final class FieldStringCache {

    private final byte[][] keys;
    private final String[] values;
    private final int mask;

    FieldStringCache(int sizePowerOfTwo) {
        keys = new byte[sizePowerOfTwo][];
        values = new String[sizePowerOfTwo];
        mask = sizePowerOfTwo - 1;
    }

    /** {@code bytes[from, to)}, all ASCII, as a string. */
    String ascii(byte[] bytes, int from, int to) {
        return get(bytes, from, to, false);
    }

    /**
     * {@code bytes[from, to)}, well-formed UTF-8, decoded and stripped of Unicode white space at both ends.
     */
    String utf8Stripped(byte[] bytes, int from, int to) {
        return get(bytes, from, to, true);
    }

    private String get(byte[] bytes, int from, int to, boolean utf8) {
        int hash = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            hash = (hash ^ bytes[i]) * 0x01000193;
        }
        // The UTF-8 flag is part of the key: the same bytes decode to the same string either way, but an
        // ASCII key is already trimmed and a UTF-8 one is not.
        int slot = (hash ^ (hash >>> 16) ^ (utf8 ? 1 : 0)) & mask;
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, bytes, from, to)) {
            return values[slot];
        }
        String created = utf8 ? new String(bytes, from, to - from, StandardCharsets.UTF_8).strip()
                : new String(bytes, from, to - from, StandardCharsets.US_ASCII);
        keys[slot] = Arrays.copyOfRange(bytes, from, to);
        values[slot] = created;
        return created;
    }
}
