package io.streamwatch.regression.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelSchemaInferenceTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void theParallelReaderInfersWhatTheGeneralReaderInfers() throws Exception {
        StringBuilder text = new StringBuilder("id,count,price,region,nothing,mixed\r\n");
        for (int i = 0; i < 30_000; i++) {
            text.append("\"r").append(i).append("\",").append(i % 7 == 0 ? "NA" : Integer.toString(i)).append(',')
                    .append(i % 3 == 0 ? Integer.toString(i) : i + ".25").append(',')
                    .append(i % 2 == 0 ? " north " : "\"south, far\"").append(",,")
                    .append(i == 20_000 ? "x" : Integer.toString(i)).append(i % 1_000 == 0 ? "\r\n\r\n" : "\r\n");
        }
        Path file = file("mixed.csv", text.toString());
        CsvFileSource general = new CsvFileSource(file, CsvOptions.DEFAULT, List.of());
        for (int threads : new int[] {1, 3}) {
            // 64 KiB ranges: a dozen parts, merged; the stray value at row 20,000 (one in 30,000: the column stays
            // an integer column) in one of the later ones.
            Optional<ParallelSchemaInference.Inferred> parallel = ParallelSchemaInference.infer(file,
                    CsvOptions.DEFAULT, threads, 1 << 16);
            assertThat(parallel).hasValueSatisfying(p -> {
                assertThat(p.schema()).isEqualTo(general.schema());
                assertThat(p.rows()).isEqualTo(general.rows()).isEqualTo(30_000);
            });
        }
        assertThat(general.schema().columns()).extracting(Column::type).containsExactly(ColumnType.STRING,
                ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.STRING, ColumnType.STRING, ColumnType.INTEGER);
    }

    @Test
    void booleansAndFieldsOverSeveralLinesAreLeftToTheGeneralReader() throws Exception {
        assertThat(ParallelSchemaInference.infer(file("bool.csv", "a,b\n1,true\n2,false\n"), CsvOptions.DEFAULT, 2))
                .isEmpty();
        assertThat(ParallelSchemaInference.infer(file("lines.csv", "a,b\n1,\"x\ny\"\n"), CsvOptions.DEFAULT, 2))
                .isEmpty();
    }
}
