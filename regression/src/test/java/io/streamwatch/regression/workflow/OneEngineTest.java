package io.streamwatch.regression.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamwatch.regression.data.CsvFileSource;
import io.streamwatch.regression.data.CsvOptions;
import io.streamwatch.regression.data.CsvReader;
import io.streamwatch.regression.data.NotPlainNumericException;
import io.streamwatch.regression.data.NumericCsvSource;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.data.TableSource;
import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.design.RowSplit;
import io.streamwatch.regression.design.UnseenLevelPolicy;
import io.streamwatch.regression.inference.Coefficient;
import io.streamwatch.regression.inference.RegressionMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One engine for every file: the parallel numeric reader, the general CSV reader and an in-memory table
 * give the same answer, and nothing depends on the heap, the thread count or the file's size.
 */
class OneEngineTest {

    private static final List<String> FEATURES = List.of("a", "b", "c");

    @TempDir
    Path dir;

    /** 20,000 rows far from the origin, with null labels (dropped) and null features (skipped or imputed). */
    private Path data(boolean quoted) throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder text = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < 20_000; i++) {
            double a = 1e6 + random.nextDouble() * 10;
            double b = random.nextGaussian();
            int c = random.nextInt(100);
            double y = 3 + 0.5 * a - 2 * b + 0.01 * c + random.nextGaussian();
            String bText = i % 97 == 0 ? "NA" : Double.toString(b);
            String yText = i % 101 == 0 ? "" : Double.toString(y);
            String q = quoted && i % 2 == 0 ? "\"" : "";
            text.append(a).append(',').append(q).append(bText).append(q).append(',').append(c).append(',')
                    .append(yText).append('\n');
        }
        Path file = dir.resolve(quoted ? "quoted.csv" : "plain.csv");
        Files.writeString(file, text);
        return file;
    }

    private static WorkflowOptions options(InvalidPolicy invalid) {
        return new WorkflowOptions("y", FEATURES, true, invalid, UnseenLevelPolicy.ERROR, 0.7, 42);
    }

    private static List<String> columns() {
        return RegressionWorkflow.columns(options(InvalidPolicy.SKIP));
    }

    private static void assertSameAnswer(FitReport actual, FitReport expected) {
        assertThat(actual.rows()).isEqualTo(expected.rows());
        assertThat(actual.fit()).usingRecursiveComparison().isEqualTo(expected.fit());
        assertThat(actual.test()).isEqualTo(expected.test());
        assertThat(actual.model().coefficients()).containsExactly(expected.model().coefficients());
    }

    @Test
    void theFastReaderTheGeneralReaderAndAnInMemoryTableGiveTheSameAnswerBitForBit() throws IOException {
        Path file = data(false);
        for (InvalidPolicy invalid : List.of(InvalidPolicy.SKIP, InvalidPolicy.IMPUTE)) {
            WorkflowOptions options = options(invalid);
            FitReport fast = RegressionWorkflow.run(new NumericCsvSource(file, CsvOptions.DEFAULT, columns(), 2,
                    new AtomicLong()), Optional.empty(), options);
            FitReport general = RegressionWorkflow.run(new CsvFileSource(file, CsvOptions.DEFAULT, columns()),
                    Optional.empty(), options);
            FitReport table = RegressionWorkflow.run(new CsvReader(CsvOptions.DEFAULT).read(file), Optional.empty(),
                    options);
            assertSameAnswer(general, fast);
            assertSameAnswer(table, fast);
            assertThat(fast.rows().nullLabel()).isEqualTo(199);
            assertThat(fast.rows().training() + fast.rows().test()).isEqualTo(20_000 - 199);
            assertThat(invalid == InvalidPolicy.SKIP ? fast.rows().skippedTraining() : fast.rows().imputedTraining())
                    .isPositive();
        }
    }

    @Test
    void aTextFeatureIsReadByTheFastReaderAsTextWithTheGeneralReadersAnswer() throws IOException {
        // A categorical column with padding, a non-ASCII level, nulls and a numeric-looking level.
        SplittableRandom random = new SplittableRandom(8);
        String[] levels = {"north", " south ", "São Paulo", "12", "NA", ""};
        StringBuilder text = new StringBuilder("a,b,region,y\n");
        for (int i = 0; i < 20_000; i++) {
            double a = random.nextDouble() * 10;
            double b = random.nextGaussian();
            String region = levels[random.nextInt(levels.length)];
            double y = 1 + 2 * a - b + region.strip().length() + random.nextGaussian();
            text.append(a).append(',').append(b).append(',').append(region).append(',').append(y).append('\n');
        }
        Path file = dir.resolve("regions.csv");
        Files.writeString(file, text);
        List<String> columns = List.of("a", "b", "region", "y");
        for (InvalidPolicy invalid : List.of(InvalidPolicy.SKIP, InvalidPolicy.IMPUTE)) {
            WorkflowOptions options = new WorkflowOptions("y", List.of("a", "b", "region"), true, invalid,
                    UnseenLevelPolicy.ERROR, 0.7, 42);
            FitReport general = RegressionWorkflow.run(new CsvFileSource(file, CsvOptions.DEFAULT, columns),
                    Optional.empty(), options);
            FitReport fast = RegressionWorkflow.run(new NumericCsvSource(file, CsvOptions.DEFAULT, columns,
                    java.util.Set.of("region"), 2, new AtomicLong()), Optional.empty(), options);
            FitReport fromFile = RegressionWorkflow.run(file, Optional.empty(), CsvOptions.DEFAULT, options, 2,
                    new AtomicLong());
            assertSameAnswer(fast, general);
            assertSameAnswer(fromFile, general);
            // Levels trimmed, nulls not a level, "12" the reference (first in text order).
            assertThat(general.fit().coefficients()).extracting(Coefficient::name)
                    .containsExactly("(Intercept)", "a", "b", "region=São Paulo", "region=north", "region=south");
        }
    }

    @Test
    void aFormulaWithACategoricalNumberAndAPowerGivesTheSameAnswerFromEitherReader() throws IOException {
        SplittableRandom random = new SplittableRandom(12);
        StringBuilder text = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < 5_000; i++) {
            double a = 1e3 + random.nextDouble();
            double b = random.nextGaussian();
            int c = random.nextInt(12);
            text.append(a).append(',').append(i % 97 == 0 ? "NA" : Double.toString(b)).append(',').append(c)
                    .append(',').append(1 + a + 0.5 * a * a - b * c + c + random.nextGaussian()).append('\n');
        }
        Path file = dir.resolve("formula.csv");
        Files.writeString(file, text);
        WorkflowOptions options = WorkflowOptions.of(io.streamwatch.regression.design.Formula.parse(
                "y ~ a + I(a^2) + b:C(c) + C(c)", List.of("a", "b", "c", "y"), Optional.empty()), InvalidPolicy.SKIP,
                UnseenLevelPolicy.ERROR, 0.7, 42, io.streamwatch.regression.inference.CovarianceType.NONROBUST,
                Optional.empty());
        List<String> columns = RegressionWorkflow.columns(options);
        FitReport general = RegressionWorkflow.run(new CsvFileSource(file, CsvOptions.DEFAULT, columns),
                Optional.empty(), options);
        FitReport fast = RegressionWorkflow.run(new NumericCsvSource(file, CsvOptions.DEFAULT, columns, 2,
                new AtomicLong()), Optional.empty(), options);
        FitReport fromFile = RegressionWorkflow.run(file, Optional.empty(), CsvOptions.DEFAULT, options, 2,
                new AtomicLong());
        assertSameAnswer(fast, general);
        assertSameAnswer(fromFile, general);
        // c holds the numbers 0..11: C(c) has them in numeric order, 0 the reference.
        assertThat(general.fit().coefficients()).extracting(Coefficient::name).contains("c=1", "c=2", "c=10")
                .doesNotContain("c=0");
    }

    @Test
    void aQuotedFileGivesTheSameAnswerAsThePlainOneWhicheverReaderReadsIt() throws IOException {
        FitReport plain = RegressionWorkflow.run(data(false), Optional.empty(), CsvOptions.DEFAULT,
                options(InvalidPolicy.SKIP), 2, new AtomicLong());
        Path quoted = data(true);
        // Quoted fields on one line each: the parallel reader reads them.
        FitReport fast = RegressionWorkflow.run(new NumericCsvSource(quoted, CsvOptions.DEFAULT, columns(), 2,
                new AtomicLong()), Optional.empty(), options(InvalidPolicy.SKIP));
        FitReport fromFile = RegressionWorkflow.run(quoted, Optional.empty(), CsvOptions.DEFAULT,
                options(InvalidPolicy.SKIP), 2, new AtomicLong());
        assertSameAnswer(fast, plain);
        assertSameAnswer(fromFile, plain);
        // A quoted field over two lines (in a column not read) sends the file to the general reader.
        Path multiLine = dir.resolve("multiline.csv");
        List<String> lines = Files.readAllLines(quoted);
        lines.set(0, lines.get(0) + ",note");
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + (i == 5_000 ? ",\"two\nlines\"" : ",\"one \"\"line\"\"\""));
        }
        Files.write(multiLine, lines);
        assertThatThrownBy(() -> RegressionWorkflow.run(new NumericCsvSource(multiLine, CsvOptions.DEFAULT, columns(),
                2, new AtomicLong()), Optional.empty(), options(InvalidPolicy.SKIP)))
                .isInstanceOf(NotPlainNumericException.class).hasMessageContaining("spanning lines");
        // Its second line is not a row: rows are split by their ordinal, so the answer is the plain file's.
        assertSameAnswer(RegressionWorkflow.run(multiLine, Optional.empty(), CsvOptions.DEFAULT,
                options(InvalidPolicy.SKIP), 2, new AtomicLong()), plain);
    }

    @Test
    void theSplitFollowsDataRowsSoLineEndingsEmptyLinesAndEmbeddedNewlinesNeverChangeIt() throws IOException {
        Path plainFile = data(false);
        WorkflowOptions options = options(InvalidPolicy.SKIP);
        FitReport plain = RegressionWorkflow.run(plainFile, Optional.empty(), CsvOptions.DEFAULT, options, 2,
                new AtomicLong());
        List<String> lines = Files.readAllLines(plainFile);
        // CRLF endings and an empty line every 1,000 rows, read in parallel in 4 KiB ranges (empty lines in early
        // ranges shift the ordinals of every later range) and by the general reader.
        StringBuilder crlf = new StringBuilder();
        // The same rows with a note column whose every 1,000th value holds a newline (the general reader's case).
        StringBuilder embedded = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            crlf.append(lines.get(i)).append("\r\n").append(i % 1_000 == 999 ? "\r\n" : "");
            embedded.append(lines.get(i)).append(i == 0 ? ",note" : i % 1_000 == 0 ? ",\"two\nlines\"" : ",one")
                    .append('\n');
        }
        Path crlfFile = dir.resolve("crlf.csv");
        Files.writeString(crlfFile, crlf);
        Path embeddedFile = dir.resolve("embedded.csv");
        Files.writeString(embeddedFile, embedded);
        FitReport ranged = RegressionWorkflow.run(new NumericCsvSource(plainFile, CsvOptions.DEFAULT, columns(), 2,
                new AtomicLong(), 4096), Optional.empty(), options);
        FitReport crlfRanged = RegressionWorkflow.run(new NumericCsvSource(crlfFile, CsvOptions.DEFAULT, columns(), 2,
                new AtomicLong(), 4096), Optional.empty(), options);
        // Other range boundaries: the same rows in each part, the same sums up to rounding.
        assertThat(crlfRanged.rows()).isEqualTo(ranged.rows()).isEqualTo(plain.rows());
        assertThat(crlfRanged.test().orElseThrow().n()).isEqualTo(plain.test().orElseThrow().n());
        for (int j = 0; j < 4; j++) {
            double expected = plain.model().coefficients()[j];
            assertThat(crlfRanged.model().coefficients()[j]).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
        }
        assertSameAnswer(RegressionWorkflow.run(crlfFile, Optional.empty(), CsvOptions.DEFAULT, options, 2,
                new AtomicLong()), plain);
        assertSameAnswer(RegressionWorkflow.run(new CsvFileSource(crlfFile, CsvOptions.DEFAULT, columns()),
                Optional.empty(), options), plain);
        assertSameAnswer(RegressionWorkflow.run(embeddedFile, Optional.empty(), CsvOptions.DEFAULT, options, 2,
                new AtomicLong()), plain);
    }

    @Test
    void theThreadCountNeverChangesTheAnswerAndTheRangeSizeOnlyItsRounding() throws IOException {
        Path file = data(false);
        WorkflowOptions options = options(InvalidPolicy.SKIP);
        FitReport one = RegressionWorkflow.run(new NumericCsvSource(file, CsvOptions.DEFAULT, columns(), 1,
                new AtomicLong(), 4096), Optional.empty(), options);
        FitReport two = RegressionWorkflow.run(new NumericCsvSource(file, CsvOptions.DEFAULT, columns(), 2,
                new AtomicLong(), 4096), Optional.empty(), options);
        FitReport whole = RegressionWorkflow.run(new NumericCsvSource(file, CsvOptions.DEFAULT, columns(), 2,
                new AtomicLong()), Optional.empty(), options);
        assertSameAnswer(two, one);
        assertThat(one.rows()).isEqualTo(whole.rows());
        for (int j = 0; j < 4; j++) {
            Coefficient ranged = one.fit().coefficients().get(j);
            Coefficient single = whole.fit().coefficients().get(j);
            assertThat(ranged.estimate()).isCloseTo(single.estimate(), within(1e-12 * Math.abs(single.estimate())));
            assertThat(ranged.standardError()).isCloseTo(single.standardError(), within(1e-9 * single.standardError()));
        }
    }

    @Test
    void theSplitIsAPureFunctionOfSeedAndDataRowOrdinal() throws IOException {
        Path file = data(false);
        FitReport report = RegressionWorkflow.run(new CsvFileSource(file, CsvOptions.DEFAULT, columns()),
                Optional.empty(), options(InvalidPolicy.SKIP));
        RowSplit split = new RowSplit(0.7, 42);
        long training = 0;
        List<String> lines = Files.readAllLines(file);
        for (int i = 1; i < lines.size(); i++) {
            boolean labelled = !lines.get(i).endsWith(",");
            training += labelled && split.isTraining(i) ? 1 : 0; // line i + 1 holds data row i
        }
        assertThat(report.rows().training()).isEqualTo(training);
        assertThat(training / (double) (report.rows().training() + report.rows().test())).isCloseTo(0.7, within(0.01));
        assertThat(new RowSplit(0.7, 43).isTraining(5)).isEqualTo(new RowSplit(0.7, 43).isTraining(5));
    }

    @Test
    void streamedMetricsEqualTheInMemoryDefinitionsOnEveryKeptPoint() throws IOException {
        FitReport report = RegressionWorkflow.run(data(false), Optional.empty(), CsvOptions.DEFAULT,
                options(InvalidPolicy.SKIP), 2, new AtomicLong());
        // Under 20,000 rows a part keeps every point, so the in-memory formulas can be applied to them.
        FitReport.Predictions train = report.training();
        assertThat((long) train.actual().length).isEqualTo(report.rows().usedTraining());
        RegressionMetrics expected = RegressionMetrics.of(train.actual(), train.predicted());
        RegressionMetrics streamed = report.fit().statistics().training();
        assertThat(streamed.residuals()).isEqualTo(expected.residuals());
        assertThat(streamed.rmse()).isCloseTo(expected.rmse(), within(1e-12 * expected.rmse()));
        assertThat(streamed.mae()).isCloseTo(expected.mae(), within(1e-12 * expected.mae()));
        assertThat(streamed.r2()).isCloseTo(expected.r2(), within(1e-12));
        assertThat(streamed.explainedVariance()).isCloseTo(expected.explainedVariance(),
                within(1e-9 * expected.explainedVariance()));
        FitReport.Predictions test = report.testPredictions().orElseThrow();
        RegressionMetrics testExpected = RegressionMetrics.of(test.actual(), test.predicted());
        assertThat(report.test().orElseThrow().residuals()).isEqualTo(testExpected.residuals());
        assertThat(report.test().orElseThrow().r2()).isCloseTo(testExpected.r2(), within(1e-12));
    }

    @Test
    void aSeparateTestFileIsAllTestAndTheTrainingFileAllTraining() throws IOException {
        Path file = data(false);
        Path test = dir.resolve("test.csv");
        Files.writeString(test, "a,b,c,y\n1000001,0.5,10,500003.6\n1000002,-1,20,500006.5\n1000003,2,5,500000.1\n");
        FitReport report = RegressionWorkflow.run(file, Optional.of(test), CsvOptions.DEFAULT,
                options(InvalidPolicy.SKIP), 2, new AtomicLong());
        assertThat(report.rows().test()).isEqualTo(3);
        assertThat(report.rows().training()).isEqualTo(20_000 - 199);
        assertThat(report.test().orElseThrow().n()).isEqualTo(3);
        assertThat(report.rows().read()).isEqualTo(20_003);
    }

    /** The blog's model on all 592 labelled rows, against the answer saved before the one engine. */
    @Test
    void theLoanModelAgreesWithTheEarlierInMemorySolverToTwelveDigits() throws IOException {
        JsonNode before;
        try (InputStream in = getClass().getResourceAsStream("/loan-all-rows-before-one-engine.json")) {
            before = new ObjectMapper().readTree(in);
        }
        FitReport report = RegressionWorkflow.run(RegressionWorkflowTest.LOAN, Optional.empty(), CsvOptions.DEFAULT,
                new WorkflowOptions("LoanAmount", List.of("ApplicantIncome", "CoapplicantIncome"), true,
                        InvalidPolicy.SKIP, UnseenLevelPolicy.ERROR, 1.0, 42), 2, new AtomicLong());
        for (int j = 0; j < 3; j++) {
            Coefficient c = report.fit().coefficients().get(j);
            JsonNode old = before.get("coefficients").get(j);
            assertThat(c.estimate()).isCloseTo(old.get("estimate").asDouble(),
                    within(1e-12 * Math.abs(old.get("estimate").asDouble())));
            assertThat(c.standardError()).isCloseTo(old.get("standardError").asDouble(),
                    within(1e-12 * old.get("standardError").asDouble()));
        }
        double r2 = before.get("statistics").get("rSquared").asDouble();
        assertThat(report.fit().statistics().rSquared()).isCloseTo(r2, within(1e-12 * r2));
        assertThat(report.rows().usedTraining()).isEqualTo(592);
    }
}
