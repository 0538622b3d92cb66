package io.streamwatch.regression.workflow;

import io.streamwatch.regression.inference.HypothesisTest;
import io.streamwatch.regression.inference.OlsFit;
import io.streamwatch.regression.inference.RegressionMetrics;
import io.streamwatch.regression.solve.ElasticNet;
import java.util.List;
import java.util.Optional;

/**
 * Everything one run produced: where every row went, the fit with its statistics, the metrics on the test
 * part (when there is one), the model to save, and sampled points for plots.
 *
 * @param weight the weight column of a weighted fit
 * @param passes how many times the rows were read (encoding, factorization, refinement)
 * @param penalty the regularization, {@link ElasticNet.Penalty#NONE} for least squares
 * @param hypotheses the tests of {@code --hypothesis}, in the order given
 * @param influence  what {@code --influence} wrote, when asked for
 */
public record FitReport(String source, String label, Optional<String> weight, RowCounts rows, OlsFit fit,
                        Optional<RegressionMetrics> test, LinearModel model, Predictions training,
                        Optional<Predictions> testPredictions, int passes, ElasticNet.Penalty penalty,
                        List<HypothesisTest> hypotheses, Optional<InfluenceSummary> influence) {

    public FitReport {
        hypotheses = List.copyOf(hypotheses);
    }

    /** Without hypotheses or influence. */
    public FitReport(String source, String label, Optional<String> weight, RowCounts rows, OlsFit fit,
                     Optional<RegressionMetrics> test, LinearModel model, Predictions training,
                     Optional<Predictions> testPredictions, int passes, ElasticNet.Penalty penalty) {
        this(source, label, weight, rows, fit, test, model, training, testPredictions, passes, penalty, List.of(),
                Optional.empty());
    }

    /** The same report, with what the influence pass wrote (a pass after the fit, as --test-output's, not counted). */
    public FitReport withInfluence(InfluenceSummary summary) {
        return new FitReport(source, label, weight, rows, fit, test, model, training, testPredictions, passes,
                penalty, hypotheses, Optional.of(summary));
    }

    /**
     * Actual and predicted (fitted) label values of a deterministic sample of at most
     * {@link RegressionWorkflow#PLOT_POINTS} rows, for plots.
     */
    public record Predictions(double[] actual, double[] predicted) {
    }
}
