package io.streamwatch.regression.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumericCsvSourceTest {

    /** Each row as (line, value or NaN for null, ...). */
    static final class Collect implements RowSource.Sink {
        final List<double[]> rows = new ArrayList<>();
        private final int slots;

        Collect(int slots) {
            this.slots = slots;
        }

        @Override
        public void accept(Row row) {
            double[] r = new double[slots + 1];
            r[0] = row.line();
            for (int s = 0; s < slots; s++) {
                r[s + 1] = row.isNull(s) ? Double.NaN : row.number(s);
            }
            rows.add(r);
        }
    }

    private static List<double[]> read(RowSource source, int slots) {
        return source.scan(() -> new Collect(slots)).stream().flatMap(c -> c.rows.stream()).toList();
    }

    @Test
    void everyLineIsReadOnceWithItsLineNumberWhateverTheRangeBoundaries(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder("id,x,label\n");
        for (int i = 0; i < 5_000; i++) {
            text.append(i).append(',').append(i * 0.5).append(',').append(i % 7).append(i % 3 == 0 ? "\r\n" : "\n");
            if (i % 1000 == 999) {
                text.append('\n'); // an empty line: skipped, but it still counts as a line
            }
        }
        Path file = dir.resolve("data.csv");
        Files.writeString(file, text.toString().stripTrailing());
        List<double[]> general = read(new CsvFileSource(file, CsvOptions.DEFAULT, List.of("label", "id")), 2);
        assertThat(general).hasSize(5_000);
        for (int range : new int[] {7, 100, 4096, 1 << 20}) {
            AtomicLong progress = new AtomicLong();
            List<double[]> rows = read(new NumericCsvSource(file, CsvOptions.DEFAULT, List.of("label", "id"), 3,
                    progress, range), 2);
            assertThat(rows).as("range size %d", range).hasSize(5_000);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i)).as("row %d, range size %d", i, range).containsExactly(general.get(i));
                assertThat(rows.get(i)[1]).isEqualTo(i % 7);
            }
            assertThat(progress.get()).isEqualTo(Files.size(file) - "id,x,label\n".length());
        }
        assertThat(general.get(0)[0]).isEqualTo(2);
        assertThat(general.get(4_999)[0]).isEqualTo(5_000 + 1 + 4);
    }

    @Test
    void numbersParseToExactlyTheDoubleThatDoubleParseDoubleGives(@TempDir Path dir) throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        StringBuilder text = new StringBuilder("x\n");
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // 1 to 19 digits, the point anywhere, some signs and exponents: both sides of the fast path.
            StringBuilder digits = new StringBuilder();
            int length = 1 + random.nextInt(19);
            for (int d = 0; d < length; d++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean()) {
                digits.insert(random.nextInt(digits.length() + 1), '.');
            }
            String value = (random.nextInt(4) == 0 ? "-" : random.nextInt(8) == 0 ? "+" : "") + digits
                    + (random.nextInt(10) == 0 ? "e" + (random.nextInt(40) - 20) : "");
            if (value.endsWith(".") && value.length() == 1 || value.matches("[-+]?\\.(e.*)?")) {
                continue;
            }
            written.add(value);
            text.append(value).append('\n');
        }
        Path file = dir.resolve("numbers.csv");
        Files.writeString(file, text);
        List<double[]> rows = read(new NumericCsvSource(file, CsvOptions.DEFAULT, List.of("x"), 2,
                new AtomicLong()), 1);
        assertThat(rows).hasSize(written.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i)[1]).as(written.get(i)).isEqualTo(Double.parseDouble(written.get(i)));
        }
    }

    @Test
    void fieldsParsedWhileScannedMatchDoubleParseDoubleAcrossColumnsSpacesLineEndingsAndBufferEdges(@TempDir Path dir)
            throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        StringBuilder text = new StringBuilder("a;b;c\n");
        List<String[]> written = new ArrayList<>();
        // ~3.5 MB: lines cross the reader's 1 MiB buffers, so fields are cut at every offset.
        for (int i = 0; i < 150_000; i++) {
            String[] row = new String[3];
            for (int c = 0; c < 3; c++) {
                StringBuilder digits = new StringBuilder();
                int length = 1 + random.nextInt(17);
                for (int d = 0; d < length; d++) {
                    digits.append((char) ('0' + random.nextInt(10)));
                }
                if (random.nextInt(3) > 0) {
                    digits.insert(random.nextInt(digits.length() + 1), '.');
                }
                row[c] = (random.nextInt(5) == 0 ? "-" : "") + digits;
                text.append(random.nextInt(9) == 0 ? " " : "").append(row[c]).append(random.nextInt(9) == 0 ? "  " : "")
                        .append(c < 2 ? ";" : random.nextBoolean() ? "\r\n" : "\n");
            }
            written.add(row);
        }
        Path file = dir.resolve("columns.csv");
        Files.writeString(file, text);
        CsvOptions semicolons = new CsvOptions(';', '"', java.util.Set.of("NA"));
        List<double[]> rows = read(new NumericCsvSource(file, semicolons, List.of("a", "b", "c"), 2,
                new AtomicLong(), 1 << 20), 3);
        assertThat(rows).hasSize(written.size());
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < 3; c++) {
                assertThat(rows.get(i)[1 + c]).as("line %d column %d: %s", i + 2, c, written.get(i)[c])
                        .isEqualTo(Double.parseDouble(written.get(i)[c]));
            }
        }
    }

    @Test
    void aNullTokenThatLooksLikeANumberIsStillANull(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sentinel.csv");
        Files.writeString(file, "x,y\n-999,1\n2,-999\n-9990,3\n");
        CsvOptions sentinel = new CsvOptions(',', '"', java.util.Set.of("-999"));
        List<double[]> rows = read(new NumericCsvSource(file, sentinel, List.of("x", "y"), 2, new AtomicLong()), 2);
        assertThat(rows.get(0)).containsExactly(2, Double.NaN, 1);
        assertThat(rows.get(1)).containsExactly(3, 2, Double.NaN);
        assertThat(rows.get(2)).containsExactly(4, -9990, 3);
    }

    @Test
    void textInANumericColumnNamesTheColumnUnlessTheGeneralReaderWouldNotCallItText(@TempDir Path dir)
            throws Exception {
        record Case(String value, boolean text) { }
        for (Case c : List.of(new Case("north", true), new Case("0x1p3", true), new Case("true", false),
                new Case("\tNA", false), new Case("5 5", true))) {
            Path file = dir.resolve("case.csv");
            Files.writeString(file, "x,y\n1,2\n" + c.value() + ",3\n");
            NumericCsvSource source = new NumericCsvSource(file, CsvOptions.DEFAULT, List.of("x", "y"), 1,
                    new AtomicLong());
            assertThatThrownBy(() -> read(source, 2)).as(c.value()).isInstanceOfSatisfying(
                    NotPlainNumericException.class, e -> assertThat(e.textColumn())
                            .isEqualTo(c.text() ? java.util.Optional.of("x") : java.util.Optional.empty()));
        }
    }

    @Test
    void aTextColumnIsReadTrimmedWithNullsAndItsRepeatedValuesShared(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("text.csv");
        Files.writeString(file, "r,y\n north ,1\nSão Paulo,2\nNA,3\n,4\nnorth,5\n");
        NumericCsvSource source = new NumericCsvSource(file, CsvOptions.DEFAULT, List.of("r", "y"),
                java.util.Set.of("r"), 1, new AtomicLong());
        assertThat(source.columns().columns()).extracting(Column::type)
                .containsExactly(ColumnType.STRING, ColumnType.DOUBLE);
        List<String> texts = new ArrayList<>();
        source.scan(() -> row -> texts.add(row.isNull(0) ? null : row.text(0)));
        assertThat(texts).containsExactly("north", "São Paulo", null, null, "north");
        assertThat(texts.get(4)).isSameAs(texts.get(0));
    }

    @Test
    void partsAreHandedOverInFileOrderWithAFewReadAhead(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder("x\n");
        for (int i = 0; i < 20_000; i++) {
            text.append(i).append('\n');
        }
        Path file = dir.resolve("ordered.csv");
        Files.writeString(file, text);
        NumericCsvSource source = new NumericCsvSource(file, CsvOptions.DEFAULT, List.of("x"), 3, new AtomicLong(),
                1 << 10);
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        List<Double> seen = new ArrayList<>();
        int[] mostAhead = {0};
        int[] handed = {0};
        source.scanInOrder(() -> {
            made.incrementAndGet();
            return new Collect(1);
        }, part -> {
            handed[0]++;
            mostAhead[0] = Math.max(mostAhead[0], made.get() - handed[0]);
            part.rows.forEach(r -> seen.add(r[1]));
        });
        assertThat(seen).hasSize(20_000);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        assertThat(handed[0]).as("parts").isGreaterThan(50);
        assertThat(mostAhead[0]).as("parts read ahead of the one handed over").isLessThanOrEqualTo(2 * 3);
    }

    @Test
    void digitsAreFoundAndReadEightBytesAtATime() {
        for (String text : List.of("12345678", "1234.678", ".2345678", "1234567,", "9\u00ff345678", "0000000:")) {
            long word = java.nio.ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            int expected = 0;
            while (expected < 8 && Character.isDigit(text.charAt(expected)) && text.charAt(expected) < 128) {
                expected++;
            }
            assertThat(AsciiDecimal.leadingDigits(word)).as(text).isEqualTo(expected);
        }
        long digits = 0;
        for (int i = 0; i < 8; i++) {
            digits |= (long) "90817263".charAt(i) - '0' << (8 * i);
        }
        assertThat(AsciiDecimal.eightDigits(digits)).isEqualTo(90_817_263L);
    }

    @Test
    void emptyFieldsAndNullTokensAreNullsNotErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nulls.csv");
        Files.writeString(file, "x,y\n1,2\n3,\n4,NA\n , 6\n");
        List<double[]> rows = read(new NumericCsvSource(file, CsvOptions.DEFAULT, List.of("x", "y"), 2,
                new AtomicLong()), 2);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).containsExactly(3, 3, Double.NaN);
        assertThat(rows.get(2)).containsExactly(4, 4, Double.NaN);
        assertThat(rows.get(3)).containsExactly(5, Double.NaN, 6);
    }

    @Test
    void quotedFieldsOnOneLineAreReadAsTheGeneralReaderReadsThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("quoted.csv");
        Files.writeString(file, "\"x\",\"name, full\",\"y\"\r\n\"1.5\",\" a \"\"b\"\" \",2\r\n"
                + "\" 3 \",\"NA\",\"\"\r\n4,\"c,d\",\"5\"");
        NumericCsvSource source = new NumericCsvSource(file, CsvOptions.DEFAULT, List.of("x", "name, full", "y"),
                java.util.Set.of("name, full"), 1, new AtomicLong());
        List<String> rows = new ArrayList<>();
        source.scan(() -> row -> rows.add(row.number(0) + "|" + (row.isNull(1) ? null : row.text(1)) + "|"
                + (row.isNull(2) ? null : row.number(2))));
        assertThat(rows).containsExactly("1.5|a \"b\"|2.0", "3.0|null|null", "4.0|c,d|5.0");
        List<String> general = new ArrayList<>();
        new CsvFileSource(file, CsvOptions.DEFAULT, List.of("x", "name, full", "y")).scan(() -> row -> general.add(
                row.number(0) + "|" + (row.isNull(1) ? null : row.text(1)) + "|" + (row.isNull(2) ? null : row.number(2))));
        assertThat(rows).isEqualTo(general);
    }

    @Test
    void whatOnlyTheGeneralReaderHandlesIsHandedBackToIt(@TempDir Path dir) throws Exception {
        for (String text : List.of("x,y\n\"1\n\",2\n", "x,y\n\"1\"x,2\n", "x,y\n \"1\",2\n", "x,y\n\"1,2\n",
                "x,y\n1,2\nfive,6\n", "x,y\n1,2\n3\n", "x,y\n1,2\n3,4,5\n", "x,y\n1,0x10\n",
                "x,y\n1,2d\n")) {
            Path file = dir.resolve("f.csv");
            Files.writeString(file, text);
            assertThatThrownBy(() -> read(new NumericCsvSource(file, CsvOptions.DEFAULT, List.of("x", "y"), 1,
                    new AtomicLong()), 2)).as(text).isInstanceOf(NotPlainNumericException.class);
        }
    }

    @Test
    void aMissingColumnIsNamedAsTheGeneralReaderNamesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("f.csv");
        Files.writeString(file, "x,y\n1,2\n");
        assertThatThrownBy(() -> new NumericCsvSource(file, CsvOptions.DEFAULT, List.of("z"), 1, new AtomicLong()))
                .hasMessage("no column named 'z'; the columns are [x, y]");
        assertThatThrownBy(() -> new CsvFileSource(file, CsvOptions.DEFAULT, List.of("z")))
                .hasMessage("no column named 'z'; the columns are [x, y]");
    }
}
