package io.streamwatch.regression.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.regression.cli.RegressionCli;
import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.design.RowSplit;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million-row file from the CLI's {@code generate} (10 features, ~100 MB), cut by Spark into 16 MB
 * partitions: the same fit as the CLI's parallel reader, and the seeded split puts the same rows in the
 * test part.
 */
class SyntheticFileTest {

    static final String FEATURES = "x1,x2,x3,x4,x5,x6,x7,x8,x9,x10";

    @TempDir
    static Path dir;
    static Path file;
    static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows;

    @BeforeAll
    static void generate() {
        file = dir.resolve("synthetic.csv");
        assertThat(RegressionCli.execute("generate", "--rows", "1000000", "--out", file.toString())).isZero();
        LocalSpark.partitionBytes(16 << 20);
        rows = SparkInput.read(LocalSpark.session(), file.toString(), "csv", ',', "NA").rows();
    }

    @org.junit.jupiter.api.AfterAll
    static void report() {
        Agreement.report("on 1 M rows");
    }

    @Test
    void sparkCutsTheFileIntoSeveralPartitions() {
        try (SparkRowSource source = new SparkRowSource(rows, List.of("x1", "y"), file.toString(), true)) {
            assertThat(source.partitions()).isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void aMillionRowsGiveTheClisAnswerWithHc3() {
        SameAnswersAsTheCliTest.agree("fit", file.toString(), "--label", "y", "--features", FEATURES, "--cov", "HC3");
    }

    @Test
    void theSplitPutsTheSameRowsInTheTestPartAsTheCli() throws IOException {
        Path testOutput = dir.resolve("test-rows.csv");
        LocalSpark.cli("fit", file.toString(), "--label", "y", "--features", FEATURES, "--test-output",
                testOutput.toString());
        List<Long> cli;
        try (Stream<String> lines = Files.lines(testOutput)) {
            cli = lines.skip(1).map(l -> Long.parseLong(l.substring(0, l.indexOf(',')))).toList();
        }
        List<Long> spark = new ArrayList<>();
        try (SparkRowSource source = new SparkRowSource(rows, List.of("y"), file.toString(), true)) {
            source.scan(() -> new TestOrdinals(new RowSplit(0.7, 42))).forEach(part -> spark.addAll(part.ordinals));
        }

        assertThat(cli).hasSizeGreaterThan(290_000);
        assertThat(spark).isEqualTo(cli);
    }

    /** The ordinals of one partition's rows that the split sends to the test part, in order. */
    static final class TestOrdinals implements RowSource.Sink, Serializable {
        final RowSplit split;
        final ArrayList<Long> ordinals = new ArrayList<>();

        TestOrdinals(RowSplit split) {
            this.split = split;
        }

        @Override
        public void accept(Row row) {
            if (!split.isTraining(row.ordinal())) {
                ordinals.add(row.ordinal());
            }
        }
    }
}
