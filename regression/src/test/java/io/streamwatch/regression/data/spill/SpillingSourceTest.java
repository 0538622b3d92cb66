package io.streamwatch.regression.data.spill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamwatch.regression.data.Column;
import io.streamwatch.regression.data.ColumnType;
import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.data.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillingSourceTest {

    /** Rows as written down: each value's null-ness, number and text, with the row's place. */
    record Seen(long ordinal, long line, String where, List<String> values) {
    }

    static class Collect implements RowSource.Sink {
        final List<Seen> rows = new ArrayList<>();
        private final boolean readNumbersText;

        Collect(boolean readNumbersText) {
            this.readNumbersText = readNumbersText;
        }

        @Override
        public void accept(Row row) {
            List<String> values = new ArrayList<>();
            for (int slot = 0; slot < 3; slot++) {
                if (row.isNull(slot)) {
                    values.add("null");
                } else if (slot == 2) {
                    values.add("text " + row.text(slot));
                } else {
                    double number = row.number(slot);
                    values.add(Double.isFinite(number) && !readNumbersText ? Double.toString(number)
                            : number + " '" + row.text(slot) + "'");
                }
            }
            rows.add(new Seen(row.ordinal(), row.line(), row.where(), values));
        }
    }

    /** Two parts of rows: numbers, nulls, a stray value, text, skipped ordinals, lines of a directory's parts. */
    static final class TwoParts implements RowSource {
        final AtomicInteger scans = new AtomicInteger();
        /** How many times the first scan starts again inside itself (as the CSV reader does after empty lines). */
        int restartsInFirstScan;

        @Override
        public String name() {
            return "two parts";
        }

        @Override
        public Schema columns() {
            return new Schema(List.of(new Column("x", ColumnType.DOUBLE), new Column("y", ColumnType.DOUBLE),
                    new Column("name", ColumnType.STRING)));
        }

        @Override
        public <S extends Sink> List<S> scan(Supplier<S> sinks) {
            int scan = scans.incrementAndGet();
            for (int again = 0; scan == 1 && again < restartsInFirstScan; again++) {
                read(sinks.get(), 0);
            }
            return List.of(read(sinks.get(), 0), read(sinks.get(), 1));
        }

        private static <S extends Sink> S read(S sink, int part) {
            for (int k = 0; k < 10_000; k++) {
                int i = k;
                long ordinal = part * 10_000L + i + 1 + (i > 5000 ? 1 : 0);
                String file = part == 0 ? "" : "part-00001.csv";
                boolean stray = i == 7;
                boolean nothing = i % 97 == 0;
                sink.accept(new Row() {
                    @Override
                    public long line() {
                        return ordinal + (i > 300 ? 2 : 1);
                    }

                    @Override
                    public long ordinal() {
                        return ordinal;
                    }

                    @Override
                    public String part() {
                        return file;
                    }

                    @Override
                    public boolean isNull(int slot) {
                        return nothing && slot == 1;
                    }

                    @Override
                    public double number(int slot) {
                        return stray && slot == 0 ? Double.NaN : slot == 0 ? i * 0.1 : -i;
                    }

                    @Override
                    public String text(int slot) {
                        return slot == 2 ? (i % 3 == 0 ? "Ünïcode " + i : "b") : stray && slot == 0 ? "n/a"
                                : slot == 0 ? String.format("%.1f0", i * 0.1) : Integer.toString(-i);
                    }
                });
            }
            return sink;
        }
    }

    @Test
    void laterScansReadTheSpillAndSeeEveryRowAsTheFirstDid(@TempDir Path spillDir) {
        TwoParts source = new TwoParts();
        try (SpillingSource spilled = new SpillingSource(source, new boolean[3], spillDir, 2)) {
            List<Collect> first = spilled.scan(() -> new Collect(false));
            List<Collect> second = spilled.scan(() -> new Collect(false));
            List<Collect> inOrder = new ArrayList<>();
            spilled.scanInOrder(() -> new Collect(false), inOrder::add);

            assertThat(source.scans).hasValue(1);
            assertThat(spilled.sourceReads()).isEqualTo(1);
            assertThat(second).hasSize(2);
            for (int part = 0; part < 2; part++) {
                assertThat(second.get(part).rows).containsExactlyElementsOf(first.get(part).rows);
                assertThat(inOrder.get(part).rows).containsExactlyElementsOf(first.get(part).rows);
            }
            assertThat(first.get(1).rows.get(0).where()).isEqualTo("part-00001.csv, line 10002");
            assertThat(first.get(0).rows.get(7).values()).containsExactly("NaN 'n/a'", "-7.0", "text b");
        }
    }

    @Test
    void keepsTheTextOfNumbersOnlyWhereAskedAndSaysSoWhenAPassReadsOtherText(@TempDir Path spillDir) {
        try (SpillingSource spilled = new SpillingSource(new TwoParts(), new boolean[] {true, false, false},
                spillDir, 2)) {
            spilled.scan(() -> new Collect(false));
            List<List<String>> texts = spilled.scan(() -> new RowSource.Sink() {
                final List<String> seen = new ArrayList<>();

                @Override
                public void accept(Row row) {
                    seen.add(row.text(0));
                }
            }).stream().map(sink -> sink.seen).toList();
            assertThat(texts.get(0).subList(0, 4)).containsExactly("0.00", "0.10", "0.20", "0.30");
            assertThat(texts.get(1).get(7)).isEqualTo("n/a");

            assertThatThrownBy(() -> spilled.scan(() -> new Collect(true)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("keeps no text for column slot 1");
        }
    }

    @Test
    void deletesItsFilesWhenClosedAndThoseOfPartsTheSourceReadAgain(@TempDir Path spillDir) throws IOException {
        TwoParts source = new TwoParts();
        source.restartsInFirstScan = 2;
        SpillingSource spilled = new SpillingSource(source, new boolean[3], spillDir, 2);
        spilled.scan(() -> new Collect(false));
        assertThat(files(spillDir)).hasSize(2);
        spilled.close();
        assertThat(files(spillDir)).isEmpty();
    }

    @Test
    void aFirstScanThatFailsLeavesNoFilesAndIsTriedAgainFromTheSource(@TempDir Path spillDir) throws IOException {
        TwoParts source = new TwoParts();
        try (SpillingSource spilled = new SpillingSource(source, new boolean[3], spillDir, 2)) {
            AtomicInteger rows = new AtomicInteger();
            assertThatThrownBy(() -> spilled.scan(() -> row -> {
                if (rows.incrementAndGet() == 15_000) {
                    throw new IllegalArgumentException("line 15000: bad");
                }
            })).hasMessage("line 15000: bad");
            assertThat(files(spillDir)).isEmpty();

            spilled.scan(() -> new Collect(false));
            assertThat(source.scans).hasValue(2);
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
