package io.streamwatch.regression.data.spill;

import io.streamwatch.regression.data.Row;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The binary form of spilled rows, row after row in chunks: a row of plain numbers (the usual case) is a
 * head byte and its doubles, its ordinal and line implied when they count up by one; nulls, text values and
 * kept text make a row tagged, a tag per slot. One writer and one reader per part, each used by one thread.
 */
final class SpillFormat {

    static final int CHUNK_BYTES = 1 << 16;
    private static final int ORDINAL_NEXT = 1;
    private static final int LINE_NEXT = 2;
    private static final int PART_CHANGED = 4;
    private static final int TAGGED = 8;
    private static final byte NUMBER = 0;
    private static final byte NULL = 1;
    private static final byte NUMBER_WITH_TEXT = 2;
    private static final byte TEXT = 3;

    private SpillFormat() {
    }

    /** Encodes rows into a chunk buffer. */
    static final class Writer {
        private final boolean[] textSlot;
        private final boolean[] keepNumberText;
        private final byte[] tags;
        private final double[] numbers;
        private final String[] texts;
        /** Null while the writer is idle: a source with many parts keeps one buffer per thread, not per part. */
        private ByteBuffer chunk;
        private long ordinal = -1;
        private long line = -1;
        private String part = "";

        Writer(boolean[] textSlot, boolean[] keepNumberText) {
            this.textSlot = textSlot;
            this.keepNumberText = keepNumberText;
            this.tags = new byte[textSlot.length];
            this.numbers = new double[textSlot.length];
            this.texts = new String[textSlot.length];
        }

        /** Whether the chunk should be written out before the next row. */
        boolean full() {
            return chunk != null && chunk.position() >= CHUNK_BYTES - 16 - 9 * tags.length;
        }

        /** The chunk's rows, ready to write (none when idle); {@link #clear} after writing them. */
        ByteBuffer chunk() {
            return chunk == null ? ByteBuffer.allocate(0) : chunk.flip();
        }

        void clear() {
            if (chunk != null) {
                chunk.clear();
            }
        }

        /** Lets go of the buffer (after its rows are written): the next row allocates one again. */
        void idle() {
            chunk = null;
        }

        void add(Row row) {
            boolean tagged = false;
            int textBytes = 0;
            for (int slot = 0; slot < tags.length; slot++) {
                byte tag;
                String text = null;
                double number = 0;
                if (row.isNull(slot)) {
                    tag = NULL;
                } else if (textSlot[slot]) {
                    tag = TEXT;
                    text = row.text(slot);
                } else {
                    number = row.number(slot);
                    if (keepNumberText[slot] || !Double.isFinite(number)) {
                        tag = NUMBER_WITH_TEXT;
                        text = row.text(slot);
                    } else {
                        tag = NUMBER;
                    }
                }
                tags[slot] = tag;
                numbers[slot] = number;
                texts[slot] = text;
                tagged |= tag != NUMBER;
                textBytes += text == null ? 0 : 4 + 3 * text.length();
            }
            String rowPart = row.part();
            boolean partChanged = !rowPart.equals(part);
            int head = (row.ordinal() == ordinal + 1 ? ORDINAL_NEXT : 0) | (row.line() == line + 1 ? LINE_NEXT : 0)
                    | (partChanged ? PART_CHANGED : 0) | (tagged ? TAGGED : 0);
            ensure(1 + 16 + (partChanged ? 4 + 3 * rowPart.length() : 0) + 9 * tags.length + textBytes);
            chunk.put((byte) head);
            if ((head & ORDINAL_NEXT) == 0) {
                chunk.putLong(row.ordinal());
            }
            if ((head & LINE_NEXT) == 0) {
                chunk.putLong(row.line());
            }
            if (partChanged) {
                putText(rowPart);
                part = rowPart;
            }
            ordinal = row.ordinal();
            line = row.line();
            for (int slot = 0; slot < tags.length; slot++) {
                if (tagged) {
                    chunk.put(tags[slot]);
                }
                if (tags[slot] == NUMBER || tags[slot] == NUMBER_WITH_TEXT) {
                    chunk.putDouble(numbers[slot]);
                }
                if (texts[slot] != null) {
                    putText(texts[slot]);
                }
            }
        }

        private void putText(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            chunk.putInt(bytes.length).put(bytes);
        }

        private void ensure(int bytes) {
            if (chunk == null) {
                chunk = ByteBuffer.allocate(Math.max(CHUNK_BYTES, bytes)).order(ByteOrder.nativeOrder());
            }
            if (chunk.remaining() < bytes) {
                ByteBuffer bigger = ByteBuffer.allocate(chunk.position() + bytes + CHUNK_BYTES)
                        .order(ByteOrder.nativeOrder());
                chunk.flip();
                bigger.put(chunk);
                chunk = bigger;
            }
        }
    }

    /** Decodes a chunk's rows, one at a time, as a {@link Row} view. */
    static final class Reader implements Row {
        private final boolean[] textSlot;
        private final byte[] tags;
        private final double[] numbers;
        private final String[] texts;
        private ByteBuffer chunk;
        private long ordinal = -1;
        private long line = -1;
        private String part = "";

        Reader(boolean[] textSlot) {
            this.textSlot = textSlot;
            this.tags = new byte[textSlot.length];
            this.numbers = new double[textSlot.length];
            this.texts = new String[textSlot.length];
        }

        void chunk(ByteBuffer chunk) {
            this.chunk = chunk;
        }

        /** Moves to the chunk's next row; false at its end. */
        boolean next() {
            if (!chunk.hasRemaining()) {
                return false;
            }
            int head = chunk.get();
            ordinal = (head & ORDINAL_NEXT) != 0 ? ordinal + 1 : chunk.getLong();
            line = (head & LINE_NEXT) != 0 ? line + 1 : chunk.getLong();
            if ((head & PART_CHANGED) != 0) {
                part = getText();
            }
            boolean tagged = (head & TAGGED) != 0;
            for (int slot = 0; slot < tags.length; slot++) {
                byte tag = tagged ? chunk.get() : NUMBER;
                tags[slot] = tag;
                numbers[slot] = tag == NUMBER || tag == NUMBER_WITH_TEXT ? chunk.getDouble() : 0;
                texts[slot] = tag == NUMBER_WITH_TEXT || tag == TEXT ? getText() : null;
            }
            return true;
        }

        private String getText() {
            byte[] bytes = new byte[chunk.getInt()];
            chunk.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public long line() {
            return line;
        }

        @Override
        public long ordinal() {
            return ordinal;
        }

        @Override
        public String part() {
            return part;
        }

        @Override
        public boolean isNull(int slot) {
            return tags[slot] == NULL;
        }

        @Override
        public double number(int slot) {
            return numbers[slot];
        }

        /**
         * @throws IllegalStateException for a number whose text was not kept: the spill was made for passes
         *                               that do not read numbers' text
         */
        @Override
        public String text(int slot) {
            if (texts[slot] == null) {
                throw new IllegalStateException("the spill keeps no text for column slot " + slot
                        + (textSlot[slot] ? "" : ": keep the numbers' text of the columns whose text is read"));
            }
            return texts[slot];
        }
    }
}
