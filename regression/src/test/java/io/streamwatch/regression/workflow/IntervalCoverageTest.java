package io.streamwatch.regression.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.regression.data.CsvOptions;
import io.streamwatch.regression.data.CsvReader;
import io.streamwatch.regression.data.TableSource;
import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.design.UnseenLevelPolicy;
import io.streamwatch.regression.inference.CovarianceType;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Intervals cover at about their level on simulated data (fixed seed): y = 1 + 2x + e, e normal with a
 * spread that grows with x (heteroskedastic, where the classical and robust covariances differ). The
 * true mean must fall in the confidence interval, and a new observation in the prediction interval.
 */
class IntervalCoverageTest {

    @ParameterizedTest
    @EnumSource(value = CovarianceType.class, names = {"NONROBUST", "HC3"})
    void ninetyFivePercentIntervalsCoverAboutNinetyFivePercent(CovarianceType covariance) {
        SplittableRandom random = new SplittableRandom(2026);
        int trials = 400;
        int meanCovered = 0;
        int observationCovered = 0;
        int observations = 0;
        for (int trial = 0; trial < trials; trial++) {
            StringBuilder text = new StringBuilder("x,y\n");
            for (int i = 0; i < 60; i++) {
                double x = random.nextDouble() * 10;
                text.append(x).append(',').append(1 + 2 * x + (0.5 + 0.1 * x) * random.nextGaussian()).append('\n');
            }
            FitReport report = RegressionWorkflow.run(new CsvReader(CsvOptions.DEFAULT).read("sim", new StringReader(
                    text.toString())), Optional.empty(), new WorkflowOptions("y", List.of("x"), true,
                    InvalidPolicy.ERROR, UnseenLevelPolicy.ERROR, 1.0, 1, covariance));
            double x = 5;
            double y = 1 + 2 * x + (0.5 + 0.1 * x) * random.nextGaussian();
            var point = new CsvReader(CsvOptions.DEFAULT).read("new", new StringReader("x\n" + x + "\n"));
            LinearModel.Interval[] interval = new LinearModel.Interval[1];
            new TableSource(point, List.of("x")).scan(() -> row -> interval[0] =
                    report.model().interval(row, 0.95).orElseThrow());
            meanCovered += interval[0].meanLower() <= 11 && 11 <= interval[0].meanUpper() ? 1 : 0;
            observationCovered += interval[0].obsLower() <= y && y <= interval[0].obsUpper() ? 1 : 0;
            observations++;
        }
        // 400 trials: the binomial standard error at 95 % is 1.1 %, so 91-99 % is a four-sigma band.
        assertThat(meanCovered / (double) trials).isBetween(0.91, 0.99);
        assertThat(observationCovered / (double) observations).isBetween(0.91, 0.99);
    }
}
