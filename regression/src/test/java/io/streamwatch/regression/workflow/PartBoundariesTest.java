package io.streamwatch.regression.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.regression.data.CsvOptions;
import io.streamwatch.regression.data.CsvReader;
import io.streamwatch.regression.data.DataTable;
import io.streamwatch.regression.data.NumericCsvSource;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.data.TableSource;
import io.streamwatch.regression.inference.Coefficient;
import io.streamwatch.regression.inference.CovarianceType;
import io.streamwatch.regression.inference.OlsFit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parallel reader cuts a file anywhere; every accumulator merges its parts in input order, so the
 * answer is that of one part, to rounding: the two-way cluster sums (groups and their pairs renumbered
 * across parts), Newey-West's lagged products across boundaries (parts shorter than the window, empty
 * parts), the influence file's rows and order, the VIFs and the hypothesis tests.
 */
class PartBoundariesTest {

    private static final double BOUND = 1e-12;
    private static double worst;
    private static double worstInfluence;

    @org.junit.jupiter.api.AfterAll
    static void printTheWorstDifference() {
        System.out.printf("parts against one part: covariance %.2e (on the correlation scale), influence %.2e%n",
                worst, worstInfluence);
    }

    private static WorkflowOptions options(String data, boolean weighted, String cov) {
        return InferenceReferenceTest.options(InferenceReferenceTest.DATA.get(data), weighted, cov,
                data.equals("clusters") ? List.of("x1 = -4*x2", "x1 = 2, x2 = -0.5")
                        : List.of("realgdp = 0.2, tbilrate = -10"));
    }

    private static void sameAnswer(FitReport parted, FitReport whole, String where) {
        OlsFit a = parted.fit();
        OlsFit b = whole.fit();
        assertThat(a.covarianceDetails()).as(where).isEqualTo(b.covarianceDetails());
        for (int i = 0; i < a.covariance().length; i++) {
            for (int j = 0; j < a.covariance().length; j++) {
                double scale = Math.sqrt(b.covariance()[i][i] * b.covariance()[j][j]);
                worst = Math.max(worst, Math.abs(a.covariance()[i][j] - b.covariance()[i][j]) / scale);
                assertThat(Math.abs(a.covariance()[i][j] - b.covariance()[i][j]) / scale)
                        .as("%s covariance %d %d", where, i, j).isLessThanOrEqualTo(BOUND);
            }
        }
        for (int j = 0; j < a.coefficients().size(); j++) {
            Coefficient x = a.coefficients().get(j);
            Coefficient y = b.coefficients().get(j);
            assertThat(relative(x.standardError(), y.standardError())).as(where).isLessThanOrEqualTo(BOUND);
            if (y.vif() != null) {
                assertThat(relative(x.vif(), y.vif())).as(where).isLessThanOrEqualTo(BOUND);
            }
        }
        assertThat(relative(a.statistics().fStatistic(), b.statistics().fStatistic())).isLessThanOrEqualTo(BOUND);
        for (int k = 0; k < whole.hypotheses().size(); k++) {
            assertThat(relative(parted.hypotheses().get(k).statistic(), whole.hypotheses().get(k).statistic()))
                    .as(where).isLessThanOrEqualTo(BOUND);
        }
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.abs(b);
    }

    private static void sameInfluence(InferenceReferenceTest.Collected parted, InferenceReferenceTest.Collected whole,
                                      String where) {
        assertThat(parted.rows).hasSameSizeAs(whole.rows);
        for (int i = 0; i < whole.rows.size(); i++) {
            double[] a = parted.rows.get(i);
            double[] b = whole.rows.get(i);
            assertThat(a[0]).as("%s row %d", where, i).isEqualTo(b[0]);
            for (int c = 1; c < b.length; c++) {
                worstInfluence = Math.max(worstInfluence, Math.abs(a[c] - b[c]) / Math.max(Math.abs(b[c]), 1e-3));
                assertThat(Math.abs(a[c] - b[c])).as("%s row %d measure %d", where, i, c)
                        .isLessThanOrEqualTo(BOUND * Math.max(Math.abs(b[c]), 1e-3));
            }
        }
    }

    /** Part starts: some random, some adjacent (one-row parts), some repeated (empty parts). */
    private static long[] starts(long rows, int parts, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Long> starts = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            long at = 1 + random.nextLong(rows);
            starts.add(at);
            if (k % 5 == 0) {
                starts.add(at + 1);
                starts.add(at + 1);
            }
        }
        return starts.stream().mapToLong(Long::longValue).toArray();
    }

    @ParameterizedTest(name = "{0} {1} {2}, seed {3}")
    @CsvSource({"clusters,false,'cluster:state,industry',1", "clusters,true,'cluster:state,industry',2",
            "clusters,false,cluster:state,3", "clusters,true,'cluster:industry,state',4",
            "macrodata,false,HAC:12,5", "macrodata,true,HAC:4,6", "macrodata,false,HAC:1,7",
            "macrodata,false,HAC:300,8", "macrodata,false,HC3,9"})
    void anyPartsGiveTheAnswerOfOnePart(String data, boolean weighted, String cov, long seed) {
        Path file = InferenceReferenceTest.resource(data + ".csv");
        DataTable table = new CsvReader(CsvOptions.DEFAULT).read(file);
        WorkflowOptions options = options(data, weighted, cov);
        List<String> columns = RegressionWorkflow.columns(options);
        InferenceReferenceTest.Collected wholeRows = new InferenceReferenceTest.Collected();
        FitReport whole = RegressionWorkflow.run(new TableSource(table, columns), Optional.empty(), options,
                TestRows.NONE, wholeRows);
        int parts = data.equals("macrodata") ? 40 : 25;
        for (long s = seed; s < seed + 3; s++) {
            InferenceReferenceTest.Collected partedRows = new InferenceReferenceTest.Collected();
            RowSource parted = new PartedSource(table, columns, starts(table.size(), parts, s));
            FitReport report = RegressionWorkflow.run(parted, Optional.empty(), options, TestRows.NONE, partedRows);
            sameAnswer(report, whole, data + " " + cov + " parts " + s);
            sameInfluence(partedRows, wholeRows, data + " " + cov + " parts " + s);
            assertThat(report.influence().orElseThrow().largest()).extracting(InfluenceSummary.Influential::row)
                    .containsExactlyElementsOf(whole.influence().orElseThrow().largest().stream()
                            .map(InfluenceSummary.Influential::row).toList());
        }
        // The parallel reader itself, its byte ranges small enough to cut the file into dozens of parts.
        Set<String> text = data.equals("clusters") ? Set.of("state") : Set.of();
        InferenceReferenceTest.Collected readRows = new InferenceReferenceTest.CollectedLines();
        FitReport read = RegressionWorkflow.run(new NumericCsvSource(file, CsvOptions.DEFAULT, columns, text, 2,
                new AtomicLong(), 1 << 11), Optional.empty(), options, TestRows.NONE, readRows);
        sameAnswer(read, whole, data + " " + cov + " read in 2 KiB ranges");
        sameInfluence(readRows, wholeRows, data + " " + cov + " read in 2 KiB ranges, as CSV lines");
        assertThat(read.influence().orElseThrow()).isEqualTo(new InfluenceSummary(wholeRows.rows.size(),
                read.influence().orElseThrow().largest()));
        assertThat(read.influence().orElseThrow().largest()).extracting(InfluenceSummary.Influential::row)
                .containsExactlyElementsOf(whole.influence().orElseThrow().largest().stream()
                        .map(InfluenceSummary.Influential::row).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"HAC:0", "HAC:3", "cluster:industry"})
    void aSplitFitsTheTrainingRowsInFileOrderWhateverTheParts(String cov) {
        Path file = InferenceReferenceTest.resource("clusters.csv");
        DataTable table = new CsvReader(CsvOptions.DEFAULT).read(file);
        WorkflowOptions base = options("clusters", false, cov);
        WorkflowOptions options = new WorkflowOptions(base.label(), base.features(), true, base.invalid(),
                base.unseen(), 0.7, 42, CovarianceType.NONROBUST, Optional.empty())
                .withCovariance(base.covariance(), new InferenceOptions(base.inference().groups(),
                        base.inference().maxLags(), base.inference().hypotheses()));
        List<String> columns = RegressionWorkflow.columns(options);
        FitReport whole = RegressionWorkflow.run(new TableSource(table, columns), Optional.empty(), options);
        FitReport parted = RegressionWorkflow.run(new PartedSource(table, columns, starts(table.size(), 30, 11)),
                Optional.empty(), options);
        assertThat(whole.rows().usedTraining()).isLessThan(table.size());
        sameAnswer(parted, whole, cov + " with a split");
    }
}
