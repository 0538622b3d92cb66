package io.streamwatch.regression.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV file's header line as the parallel reader reads it: the column names (as the general reader would
 * name them, quoted or not, a byte-order mark skipped) and the byte where the data begin.
 *
 * @param names     the column names, in order
 * @param dataStart the offset of the first byte after the header's newline
 */
record PlainHeader(List<String> names, long dataStart) {

    /**
     * @throws NotPlainNumericException when the header is not plain (no newline in the first 64 KiB, a quote
     *                                  the general reader must read)
     * @throws IOException              when the file cannot be read
     */
    static PlainHeader read(FileChannel channel, Path file, CsvOptions options) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        channel.read(buffer, 0);
        byte[] bytes = Arrays.copyOf(buffer.array(), buffer.position());
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        int end = start;
        while (end < bytes.length && bytes[end] != '\n') {
            end++;
        }
        if (end == bytes.length) {
            throw new NotPlainNumericException("no header line in the first 64 KiB");
        }
        String line = new String(bytes, start, end - start, StandardCharsets.UTF_8).strip();
        List<String> names;
        if (line.indexOf(options.quote()) >= 0) {
            // A quoted header (R's write.csv quotes every name): the names as the general reader reads them.
            List<List<String>> header = new ArrayList<>();
            try {
                CsvRecords.read(file.toString(), new java.io.StringReader(line), options, new CsvRecords.Visitor() {
                    @Override
                    public void header(List<String> found) {
                        header.add(found);
                    }

                    @Override
                    public void record(String[] values, long number, long ordinal) {
                    }
                });
            } catch (RuntimeException e) {
                throw new NotPlainNumericException("a header the general reader reads: " + e.getMessage());
            }
            names = header.get(0);
        } else {
            names = CsvRecords.header(file.toString(), Arrays.stream(line.split(
                    java.util.regex.Pattern.quote(String.valueOf(options.delimiter())), -1)).map(String::strip)
                    .toArray(String[]::new));
        }
        return new PlainHeader(names, end + 1);
    }
}
