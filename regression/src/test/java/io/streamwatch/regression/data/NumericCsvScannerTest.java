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

class NumericCsvScannerTest {

    static final class Collect implements NumericCsvScanner.RowSink {
        final List<double[]> rows = new ArrayList<>();

        @Override
        public void row(double[] values) {
            rows.add(values.clone());
        }
    }

    @Test
    void everyLineIsReadExactlyOnceWhateverTheRangeBoundaries(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder("id,x,label\n");
        for (int i = 0; i < 5_000; i++) {
            text.append(i).append(',').append(i * 0.5).append(',').append(i % 7).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        Path file = dir.resolve("data.csv");
        Files.writeString(file, text.toString().stripTrailing());
        for (int range : new int[] {7, 100, 4096, 1 << 20}) {
            AtomicLong progress = new AtomicLong();
            var result = new NumericCsvScanner(CsvOptions.DEFAULT, range).scan(file, List.of("label", "id"),
                    Collect::new, 3, progress);
            List<double[]> rows = result.sinks().stream().flatMap(c -> c.rows.stream()).toList();
            assertThat(rows).as("range size %d", range).hasSize(5_000);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i)).containsExactly(i % 7, i);
            }
            assertThat(progress.get()).isEqualTo(Files.size(file) - "id,x,label\n".length());
        }
    }

    @Test
    void invalidRowsAreCountedAndTheFirstIsLocatedByLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "x,y\n1,2\n3,\n4,NA\nfive,6\n7,8\n");
        var result = new NumericCsvScanner(CsvOptions.DEFAULT).scan(file, List.of("x", "y"), Collect::new, 2,
                new AtomicLong());
        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.invalidRows()).isEqualTo(3);
        assertThat(result.firstInvalid()).isEqualTo("line 3, column y: null");
    }

    @Test
    void quotedFilesAndMissingColumnsAreRefusedWithAReason(@TempDir Path dir) throws Exception {
        Path quoted = dir.resolve("q.csv");
        Files.writeString(quoted, "x,y\n\"1\",2\n");
        assertThatThrownBy(() -> new NumericCsvScanner(CsvOptions.DEFAULT).scan(quoted, List.of("x", "y"),
                Collect::new, 1, new AtomicLong())).hasMessageContaining("line 2: quoted field");
        assertThatThrownBy(() -> new NumericCsvScanner(CsvOptions.DEFAULT).scan(quoted, List.of("z"),
                Collect::new, 1, new AtomicLong())).hasMessageContaining("no column named 'z'");
    }
}
