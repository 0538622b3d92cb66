package io.streamwatch.consumer.decode;

import java.nio.charset.StandardCharsets;

/**
 * A small direct-mapped cache of ASCII strings keyed by their bytes. Names and statuses repeat heavily
 * in sensor traffic, so decoding returns the cached instance instead of allocating a new string per
 * record: less garbage, and windows that hold 100,000 readings share a few hundred strings. A slot holds
 * one string; a collision simply replaces it. Not thread-safe: one per decoder.
 */
final class AsciiStringCache {

    private final String[] slots;
    private final int mask;

    AsciiStringCache(int sizePowerOfTwo) {
        slots = new String[sizePowerOfTwo];
        mask = sizePowerOfTwo - 1;
    }

    String get(byte[] bytes, int from, int to) {
        int hash = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            hash = (hash ^ bytes[i]) * 0x01000193;
        }
        int slot = (hash ^ (hash >>> 16)) & mask;
        String cached = slots[slot];
        if (cached != null && sameAscii(cached, bytes, from, to)) {
            return cached;
        }
        String created = new String(bytes, from, to - from, StandardCharsets.US_ASCII);
        slots[slot] = created;
        return created;
    }

    private static boolean sameAscii(String s, byte[] bytes, int from, int to) {
        if (s.length() != to - from) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }
}
