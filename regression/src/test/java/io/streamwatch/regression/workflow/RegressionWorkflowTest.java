package io.streamwatch.regression.workflow;

import io.streamwatch.regression.design.FeatureEncoding;
import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.design.InvalidRowException;
import io.streamwatch.regression.design.RowEncoder;
import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.data.TableSource;
import io.streamwatch.regression.design.UnseenLevelPolicy;
import io.streamwatch.regression.inference.Coefficient;
import io.streamwatch.regression.io.SummaryFormatter;
import io.streamwatch.regression.solve.RankDeficientException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.streamwatch.regression.data.CsvOptions;
import io.streamwatch.regression.data.CsvReader;
import io.streamwatch.regression.data.DataTable;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public class RegressionWorkflowTest {

    /** Keeps the first row a source hands out (its view stays valid: the table has one row). */
    static final class RowCopy implements RowSource.Sink {
        Row row;

        @Override
        public void accept(Row r) {
            row = row == null ? r : row;
        }
    }

    public static final Path LOAN = Path.of(System.getProperty("shared.data.dir", "../../shared/data"),
            "loan-prediction", "train.csv");

    private static DataTable csv(String text) {
        return new CsvReader(CsvOptions.DEFAULT).read("t.csv", new StringReader(text));
    }

    private static WorkflowOptions options(String label, List<String> features, InvalidPolicy invalid) {
        return new WorkflowOptions(label, features, true, invalid, UnseenLevelPolicy.ERROR, 0.7, 42);
    }

    @Test
    void theLoanWalkthroughDropsNullLabelsAndCountsEveryRow() {
        DataTable loan = new CsvReader(CsvOptions.DEFAULT).read(LOAN);
        FitReport report = RegressionWorkflow.run(loan, Optional.empty(),
                options("LoanAmount", List.of("ApplicantIncome", "CoapplicantIncome"), InvalidPolicy.SKIP));
        RowCounts rows = report.rows();
        assertThat(rows.read()).isEqualTo(614);
        assertThat(rows.nullLabel()).isEqualTo(22);
        assertThat(rows.training() + rows.test()).isEqualTo(592);
        assertThat(rows.usedTraining()).isEqualTo(rows.training() - rows.skippedTraining());
        assertThat(report.fit().coefficients()).extracting(Coefficient::name)
                .containsExactly("(Intercept)", "ApplicantIncome", "CoapplicantIncome");
        assertThat(report.test()).isPresent();
    }

    @Test
    void theSameSeedGivesTheSameSplitAndFitAndAnotherSeedDoesNot() {
        DataTable loan = new CsvReader(CsvOptions.DEFAULT).read(LOAN);
        var opts = options("LoanAmount", List.of("ApplicantIncome"), InvalidPolicy.SKIP);
        FitReport a = RegressionWorkflow.run(loan, Optional.empty(), opts);
        FitReport b = RegressionWorkflow.run(loan, Optional.empty(), opts);
        assertThat(a.fit().estimates()).containsExactly(b.fit().estimates());
        FitReport c = RegressionWorkflow.run(loan, Optional.empty(),
                new WorkflowOptions("LoanAmount", List.of("ApplicantIncome"), true, InvalidPolicy.SKIP,
                        UnseenLevelPolicy.ERROR, 0.7, 7));
        assertThat(c.rows().training()).isNotEqualTo(a.rows().training());
    }

    @Test
    void matchesTheClosedFormSimpleRegression() {
        // y = 1 + 2x + e; slope = Sxy/Sxx, intercept = ybar - slope*xbar, computed by hand.
        DataTable t = csv("x,y\n1,3.1\n2,4.9\n3,7.2\n4,8.8\n5,11.1\n");
        FitReport r = RegressionWorkflow.run(t, Optional.empty(),
                new WorkflowOptions("y", List.of("x"), true, InvalidPolicy.ERROR, UnseenLevelPolicy.ERROR, 1.0, 1));
        double slope = 1.99;
        double intercept = 7.02 - slope * 3;
        assertThat(r.fit().coefficients().get(1).estimate()).isCloseTo(slope, within(1e-12));
        assertThat(r.fit().coefficients().get(0).estimate()).isCloseTo(intercept, within(1e-12));
        // RSS = 0.107 over 3 degrees of freedom; se(slope) = sqrt(RSS/3 / Sxx) with Sxx = 10.
        double rss = 0.107;
        assertThat(r.fit().statistics().residualStandardError()).isCloseTo(Math.sqrt(rss / 3), within(1e-12));
        assertThat(r.fit().coefficients().get(1).standardError()).isCloseTo(Math.sqrt(rss / 3 / 10), within(1e-12));
        // R² = 1 - RSS/SST with SST = 39.708; F = (SST-RSS)/(RSS/3).
        assertThat(r.fit().statistics().rSquared()).isCloseTo(1 - rss / 39.708, within(1e-12));
        assertThat(r.fit().statistics().fStatistic()).isCloseTo((39.708 - rss) / (rss / 3), within(1e-8));
        assertThat(r.fit().statistics().training().mae()).isCloseTo((0.06 + 0.13 + 0.18 + 0.21 + 0.10) / 5, within(1e-12));
        // statsmodels' AIC: -2 logL + 2k with logL = -n/2 (log(2 pi RSS/n) + 1).
        double logL = -2.5 * (Math.log(2 * Math.PI * rss / 5) + 1);
        assertThat(r.fit().statistics().aic()).isCloseTo(-2 * logL + 4, within(1e-9));
        assertThat(r.fit().statistics().bic()).isCloseTo(-2 * logL + Math.log(5) * 2, within(1e-9));
        assertThat(r.fit().coefficients().get(1).pValue()).isLessThan(1e-4);
    }

    @Test
    void oneHotEncodingDropsTheFirstSortedLevel() {
        DataTable t = csv("area,y\nUrban,1\nRural,2\nSemiurban,3\nUrban,4\nRural,5\nSemiurban,7\n");
        FitReport r = RegressionWorkflow.run(t, Optional.empty(),
                new WorkflowOptions("y", List.of("area"), true, InvalidPolicy.ERROR, UnseenLevelPolicy.ERROR, 1.0, 1));
        assertThat(r.fit().coefficients()).extracting(Coefficient::name)
                .containsExactly("(Intercept)", "area=Semiurban", "area=Urban");
        // Intercept = mean of Rural, others = group mean minus Rural's.
        assertThat(r.fit().estimates()).containsExactly(new double[] {3.5, 1.5, -1.0}, within(1e-12));
    }

    @Test
    void anUnseenLevelIsRefusedOrEncodedAsTheReferenceLevelAsChosen() {
        RowEncoder strict = new RowEncoder(List.of(new FeatureEncoding.Categorical("c", List.of("a", "b"),
                Optional.empty())), true, InvalidPolicy.ERROR, UnseenLevelPolicy.ERROR);
        Row z = new TableSource(csv("c\nz\n"), List.of("c")).scan(RowCopy::new).get(0).row;
        double[] design = new double[2];
        assertThat(strict.encode(z, design)).isEqualTo(RowEncoder.Outcome.INVALID);
        assertThat(strict.problem(z)).isEqualTo("c: level 'z' was not seen in training");
        RowEncoder lenient = new RowEncoder(strict.features(), true, InvalidPolicy.ERROR, UnseenLevelPolicy.REFERENCE);
        assertThat(lenient.encode(z, design)).isEqualTo(RowEncoder.Outcome.VALID);
        assertThat(design).containsExactly(1, 0);
    }

    @Test
    void theErrorPolicyNamesTheFirstBadRowAndColumn() {
        DataTable t = csv("x,y\n1,1\n,2\n3,3\n4,5\n");
        assertThatThrownBy(() -> RegressionWorkflow.run(t, Optional.empty(), options("y", List.of("x"), InvalidPolicy.ERROR)))
                .isInstanceOf(InvalidRowException.class)
                .hasMessageStartingWith("t.csv, line 3, column x: null");
    }

    @Test
    void skipLeavesRowsOutAndImputeUsesTheTrainingMean() {
        DataTable t = csv("x,y\n1,2\n,9\n3,6\n5,10\n7,14\n");
        WorkflowOptions all = new WorkflowOptions("y", List.of("x"), true, InvalidPolicy.SKIP, UnseenLevelPolicy.ERROR, 1.0, 1);
        FitReport skipped = RegressionWorkflow.run(t, Optional.empty(), all);
        assertThat(skipped.rows().skippedTraining()).isEqualTo(1);
        assertThat(skipped.rows().usedTraining()).isEqualTo(4);

        FitReport imputed = RegressionWorkflow.run(t, Optional.empty(), new WorkflowOptions("y", List.of("x"), true,
                InvalidPolicy.IMPUTE, UnseenLevelPolicy.ERROR, 1.0, 1));
        assertThat(imputed.rows().imputedTraining()).isEqualTo(1);
        assertThat(imputed.rows().usedTraining()).isEqualTo(5);
        FeatureEncoding.Numeric x = (FeatureEncoding.Numeric) imputed.model().encoder().features().get(0);
        assertThat(x.impute().getAsDouble()).isEqualTo(4.0);
    }

    @Test
    void collinearFeaturesAreNamedNotSolvedIntoGarbage() {
        DataTable t = csv("a,b,c,y\n1,2,3,1\n2,1,3,2\n3,5,8,2\n4,3,7,5\n5,5,10,4\n");
        assertThatThrownBy(() -> RegressionWorkflow.run(t, Optional.empty(),
                new WorkflowOptions("y", List.of("a", "b", "c"), true, InvalidPolicy.ERROR, UnseenLevelPolicy.ERROR, 1.0, 1)))
                .isInstanceOf(RankDeficientException.class)
                .hasMessageContaining("rank deficient (rank 3 of 4)")
                .hasMessageContaining("is a linear combination of");
    }

    @Test
    void aNonNumericLabelIsRejectedWithItsType() {
        DataTable t = csv("x,y\n1,a\n2,b\n");
        assertThatThrownBy(() -> RegressionWorkflow.run(t, Optional.empty(), options("y", List.of("x"), InvalidPolicy.ERROR)))
                .hasMessage("the label 'y' must be numeric, but it is string");
    }

    @Test
    void aLargeConditionNumberIsFlagged() {
        StringBuilder text = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 20; i++) {
            text.append(i).append(',').append(i + (i % 2 == 0 ? 1e-5 : -1e-5)).append(',').append(i * 2 + i % 3).append('\n');
        }
        FitReport r = RegressionWorkflow.run(csv(text.toString()), Optional.empty(),
                new WorkflowOptions("y", List.of("a", "b"), true, InvalidPolicy.ERROR, UnseenLevelPolicy.ERROR, 1.0, 1));
        assertThat(r.fit().statistics().illConditioned()).isTrue();
        assertThat(SummaryFormatter.format(r)).contains("WARNING: large");
    }

    @Test
    void zeroWeightsAreUnusedNullWeightsFollowThePolicyAndNegativeWeightsAreRefused() {
        DataTable t = csv("x,y,w\n1,2.1,1\n2,3.9,2\n3,6.2,0\n4,7.8,\n5,10.1,1\n6,11.8,3\n");
        WorkflowOptions skip = new WorkflowOptions("y", List.of("x"), true, InvalidPolicy.SKIP, UnseenLevelPolicy.ERROR,
                1.0, 1, io.streamwatch.regression.inference.CovarianceType.NONROBUST, Optional.of("w"));
        FitReport weighted = RegressionWorkflow.run(t, Optional.empty(), skip);
        assertThat(weighted.rows().zeroWeightTraining()).isEqualTo(1);
        assertThat(weighted.rows().skippedTraining()).isEqualTo(1);
        assertThat(weighted.rows().usedTraining()).isEqualTo(4);
        // Weighted least squares equals ordinary least squares on rows repeated by their (integer) weight.
        DataTable repeated = csv("x,y\n1,2.1\n2,3.9\n2,3.9\n5,10.1\n6,11.8\n6,11.8\n6,11.8\n");
        FitReport ols = RegressionWorkflow.run(repeated, Optional.empty(), new WorkflowOptions("y", List.of("x"), true,
                InvalidPolicy.ERROR, UnseenLevelPolicy.ERROR, 1.0, 1));
        assertThat(weighted.fit().estimates()).containsExactly(ols.fit().estimates(), within(1e-12));

        FitReport imputed = RegressionWorkflow.run(t, Optional.empty(), new WorkflowOptions("y", List.of("x"), true,
                InvalidPolicy.IMPUTE, UnseenLevelPolicy.ERROR, 1.0, 1,
                io.streamwatch.regression.inference.CovarianceType.NONROBUST, Optional.of("w")));
        assertThat(imputed.rows().imputedTraining()).isEqualTo(1);
        assertThat(imputed.rows().usedTraining()).isEqualTo(5);

        DataTable negative = csv("x,y,w\n1,2,1\n2,4,-1\n3,6,1\n");
        assertThatThrownBy(() -> RegressionWorkflow.run(negative, Optional.empty(), skip))
                .hasMessage("line 3: the weight -1 is negative; weights must be finite numbers >= 0");
    }

    @Test
    void aRegularizedFitCountsTheSeparateTestFileToo() {
        DataTable train = csv("x,y\n1,2.1\n2,3.9\n3,6.2\n4,7.8\n5,10.1\n6,11.8\n");
        DataTable test = csv("x,y\n7,14.2\n8,\n9,18.1\n");
        FitReport ridge = RegressionWorkflow.run(train, Optional.of(test), new WorkflowOptions("y", List.of("x"), true,
                InvalidPolicy.ERROR, UnseenLevelPolicy.ERROR, 1.0, 1).withPenalty(
                new io.streamwatch.regression.solve.ElasticNet.Penalty(0.1, 0, true)));
        assertThat(ridge.rows().read()).isEqualTo(9);
        assertThat(ridge.rows().nullLabel()).isEqualTo(1);
        assertThat(ridge.rows().usedTest()).isEqualTo(2);
        assertThat(ridge.test().orElseThrow().n()).isEqualTo(2);
    }
}
