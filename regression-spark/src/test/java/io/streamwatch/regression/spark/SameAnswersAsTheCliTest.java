package io.streamwatch.regression.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import io.streamwatch.regression.data.CsvOptions;
import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.design.UnseenLevelPolicy;
import io.streamwatch.regression.inference.CovarianceType;
import io.streamwatch.regression.io.ReportJson;
import io.streamwatch.regression.workflow.RegressionWorkflow;
import io.streamwatch.regression.workflow.WorkflowOptions;
import org.apache.spark.sql.Dataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code SparkFit fit} on Spark local[2], every file cut into several partitions, prints what the CLI's
 * {@code fit} prints for the same file and options: every count equal, every number within 1e-12 relative.
 */
class SameAnswersAsTheCliTest {

    static final double RELATIVE = 1e-12;
    static final String LOAN_FEATURES = "ApplicantIncome,CoapplicantIncome,Credit_History,Property_Area,Education";

    @AfterAll
    static void report() {
        Agreement.report("over the loan fits");
    }

    @ParameterizedTest(name = "--cov {0}")
    @ValueSource(strings = {"nonrobust", "HC0", "HC1", "HC2", "HC3"})
    void theLoanDataGivesTheCliAnswerUnderEveryCovariance(String cov) {
        LocalSpark.partitionBytes(8 << 10);
        String[] args = {"fit", LocalSpark.LOAN.toString(), "--label", "LoanAmount", "--features", LOAN_FEATURES,
                "--invalid", "skip", "--cov", cov};
        agree(args);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--cov cluster --groups Property_Area", "--cov cluster --groups Property_Area,Education",
        "--cov HAC --maxlags 3"})
    void clusteredAndNeweyWestCovariancesGiveTheCliAnswer(String covariance) {
        LocalSpark.partitionBytes(8 << 10);
        List<String> args = new ArrayList<>(List.of("fit", LocalSpark.LOAN.toString(), "--label", "LoanAmount",
                "--features", LOAN_FEATURES, "--invalid", "skip", "--hypothesis", "ApplicantIncome = CoapplicantIncome"));
        args.addAll(List.of(covariance.split(" ")));
        agree(args.toArray(String[]::new));
    }

    @Test
    void aFormulaWithImputationAndWeightsGivesTheCliAnswer() {
        LocalSpark.partitionBytes(8 << 10);
        agree("fit", LocalSpark.LOAN.toString(), "--formula",
                "LoanAmount ~ ApplicantIncome * C(Property_Area) + I(ApplicantIncome^2) + Dependents + Credit_History",
                "--invalid", "impute", "--weight", "Loan_Amount_Term", "--cov", "HC3", "--seed", "7",
                "--train-fraction", "0.6");
    }

    @ParameterizedTest(name = "--elastic-net {0}")
    @ValueSource(strings = {"0", "0.5"})
    void aRegularizedFitGivesTheCliAnswer(String mixing) {
        LocalSpark.partitionBytes(8 << 10);
        agree("fit", LocalSpark.LOAN.toString(), "--label", "LoanAmount", "--features", LOAN_FEATURES,
                "--invalid", "skip", "--reg-param", "0.3", "--elastic-net", mixing);
    }

    @Test
    void theSummaryTextIsTheClis() {
        LocalSpark.partitionBytes(8 << 10);
        String[] args = {"fit", LocalSpark.LOAN.toString(), "--label", "LoanAmount", "--features", LOAN_FEATURES,
                "--invalid", "skip", "--cov", "HC1"};
        assertThat(LocalSpark.spark(args)).isEqualTo(LocalSpark.cli(args)).contains("Rows: 614 read");
    }

    @Test
    void theLoanFileIsReadInSeveralPartitions() {
        LocalSpark.partitionBytes(8 << 10);
        try (SparkRowSource source = new SparkRowSource(SparkInput.read(LocalSpark.session(),
                LocalSpark.LOAN.toString(), "auto", ',', "NA").rows(), List.of("LoanAmount"), "loan", true)) {
            assertThat(source.partitions()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void aDirectoryOfPartsCountsItsRowsInNameOrderAsTheCliDoes(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(LocalSpark.LOAN);
        // Parts of unequal sizes, so that Spark would pack them largest first.
        int[] ends = {100, 450, lines.size() - 1};
        int start = 0;
        for (int p = 0; p < ends.length; p++) {
            List<String> part = new ArrayList<>(List.of(lines.get(0)));
            part.addAll(lines.subList(1 + start, 1 + ends[p]));
            Files.write(dir.resolve("part-0000" + p + ".csv"), part);
            start = ends[p];
        }
        Files.writeString(dir.resolve("_SUCCESS"), "");
        LocalSpark.partitionBytes(8 << 10);
        agree("fit", dir.toString(), "--label", "LoanAmount", "--features", LOAN_FEATURES, "--invalid", "skip",
                "--cov", "HC2");
    }

    @Test
    void parquetPartsWrittenBySparkGiveTheCliAnswerOnTheCsv(@TempDir Path dir) {
        LocalSpark.partitionBytes(8 << 10);
        Path parquet = dir.resolve("loan");
        SparkInput.read(LocalSpark.session(), LocalSpark.LOAN.toString(), "csv", ',', "NA").rows().write()
                .parquet(parquet.toString());
        String[] model = {"--label", "LoanAmount", "--features", LOAN_FEATURES, "--invalid", "skip", "--cov", "HC0",
                "--json"};
        String cli = LocalSpark.cli(concat(new String[] {"fit", LocalSpark.LOAN.toString()}, model));
        String spark = LocalSpark.spark(concat(new String[] {"fit", parquet.toString()}, model));
        // The source's name is the path given; everything else is the CLI's.
        assertThat(Agreement.of(cli, spark.replace(parquet.toString(), LocalSpark.LOAN.toString()))
                .mismatches(RELATIVE)).isEmpty();
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
    }

    @Test
    void aSeparateTestFileGivesTheCliAnswer(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(LocalSpark.LOAN);
        Path training = dir.resolve("training.csv");
        Path test = dir.resolve("test.csv");
        Files.write(training, lines.subList(0, 401));
        List<String> rest = new ArrayList<>(List.of(lines.get(0)));
        rest.addAll(lines.subList(401, lines.size()));
        Files.write(test, rest);
        LocalSpark.partitionBytes(4 << 10);
        agree("fit", training.toString(), "--test", test.toString(), "--label", "LoanAmount", "--features",
                LOAN_FEATURES, "--invalid", "skip", "--cov", "HC1", "--weight", "Loan_Amount_Term");
    }

    @Test
    void anInvalidRowStopsTheFitWithTheClisMessage() {
        LocalSpark.partitionBytes(8 << 10);
        String[] args = {"fit", LocalSpark.LOAN.toString(), "--label", "LoanAmount", "--features", LOAN_FEATURES};
        LocalSpark.Failure cli = LocalSpark.failure(true, args);
        LocalSpark.Failure spark = LocalSpark.failure(false, args);
        assertThat(cli.code()).isEqualTo(1);
        assertThat(spark).isEqualTo(cli);
        assertThat(spark.stderr()).startsWith("Error: ").contains("line ").contains("--invalid skip");
    }

    @Test
    void statesMergedUpATreeOfTwosGiveTheCliAnswer() {
        LocalSpark.partitionBytes(4 << 10);
        WorkflowOptions options = new WorkflowOptions("LoanAmount", List.of(LOAN_FEATURES.split(",")), true,
                InvalidPolicy.IMPUTE, UnseenLevelPolicy.ERROR, 0.7, 42, CovarianceType.HC3);
        Dataset<org.apache.spark.sql.Row> rows = SparkInput.read(LocalSpark.session(), LocalSpark.LOAN.toString(),
                "csv", ',', "NA").rows();
        String spark;
        try (SparkRowSource tree = new SparkRowSource(rows, RegressionWorkflow.columns(options),
                LocalSpark.LOAN.toString(), true, 2)) {
            assertThat(tree.partitions()).as("partitions, for a tree of three levels").isGreaterThanOrEqualTo(8);
            spark = ReportJson.toJson(RegressionWorkflow.run(tree, Optional.empty(), options));
        }
        String cli = ReportJson.toJson(RegressionWorkflow.run(LocalSpark.LOAN, Optional.empty(), CsvOptions.DEFAULT,
                options, 2, new AtomicLong()));
        assertThat(Agreement.of(cli, spark).mismatches(RELATIVE)).isEmpty();
    }

    static void agree(String... args) {
        List<String> json = new ArrayList<>(List.of(args));
        json.add("--json");
        String[] withJson = json.toArray(String[]::new);
        Agreement agreement = Agreement.of(LocalSpark.cli(withJson), LocalSpark.spark(withJson));
        assertThat(agreement.mismatches(RELATIVE)).as("differences beyond %s relative", RELATIVE).isEmpty();
    }
}
