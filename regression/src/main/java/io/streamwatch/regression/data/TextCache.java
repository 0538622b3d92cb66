package io.streamwatch.regression.data;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings of text fields keyed by their raw bytes, direct-mapped: a categorical column repeats a few levels
 * millions of times, so the fast reader returns the cached string instead of decoding one per row. A slot
 * holds one string; a collision replaces it. Not thread-safe: one per range reader.
 */
final class TextCache {

    private static final int SLOTS = 1024;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    /**
     * {@code bytes[from, to)} as a string, decoded as UTF-8 strictly.
     *
     * @throws NotPlainNumericException when the bytes are not UTF-8 (the general reader reports it)
     */
    String get(byte[] bytes, int from, int to) {
        int hash = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            hash = (hash ^ bytes[i]) * 0x01000193;
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, bytes, from, to)) {
            return values[slot];
        }
        String text = decode(bytes, from, to);
        keys[slot] = Arrays.copyOfRange(bytes, from, to);
        values[slot] = text;
        return text;
    }

    private static String decode(byte[] bytes, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new NotPlainNumericException("a field that is not UTF-8");
        }
    }
}
