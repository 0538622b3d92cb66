package io.streamwatch.regression.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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
        System.out.println("Worst relative difference Spark vs CLI, per quantity, over the loan fits:");
        Agreement.WORST.forEach((k, v) -> System.out.printf("  %-45s %.2e%n", k, v));
    }

    @ParameterizedTest(name = "--cov {0}")
    @ValueSource(strings = {"nonrobust", "HC0", "HC1", "HC2", "HC3"})
    void theLoanDataGivesTheCliAnswerUnderEveryCovariance(String cov) {
        LocalSpark.partitionBytes(8 << 10);
        String[] args = {"fit", LocalSpark.LOAN.toString(), "--label", "LoanAmount", "--features", LOAN_FEATURES,
                "--invalid", "skip", "--cov", cov};
        agree(args);
    }

    @Test
    void aFormulaWithImputationAndWeightsGivesTheCliAnswer() {
        LocalSpark.partitionBytes(8 << 10);
        agree("fit", LocalSpark.LOAN.toString(), "--formula",
                "LoanAmount ~ ApplicantIncome * C(Property_Area) + I(ApplicantIncome^2) + Dependents + Credit_History",
                "--invalid", "impute", "--weight", "Loan_Amount_Term", "--cov", "HC3", "--seed", "7",
                "--train-fraction", "0.6");
    }

    @Test
    void theSummaryTextIsTheClis() {
        LocalSpark.partitionBytes(8 << 10);
        String[] args = {"fit", LocalSpark.LOAN.toString(), "--label", "LoanAmount", "--features", LOAN_FEATURES,
                "--invalid", "skip", "--cov", "HC1"};
        assertThat(LocalSpark.spark(args)).isEqualTo(LocalSpark.cli(args)).contains("Rows: 614 read");
    }

    static void agree(String... args) {
        List<String> json = new ArrayList<>(List.of(args));
        json.add("--json");
        String[] withJson = json.toArray(String[]::new);
        Agreement agreement = Agreement.of(LocalSpark.cli(withJson), LocalSpark.spark(withJson));
        assertThat(agreement.mismatches(RELATIVE)).as("differences beyond %s relative", RELATIVE).isEmpty();
    }

    static Stream<String> covariances() {
        return Stream.of("nonrobust", "HC0", "HC1", "HC2", "HC3");
    }
}
