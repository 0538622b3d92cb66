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
 * @param sourceReads how many times the input itself was read (parsed, fetched): the other passes read the
 *                    spill of the first
 * @param bytesFetched bytes fetched from remote objects (S3) to read the inputs; 0 for local files
 * @param penalty the regularization, {@link ElasticNet.Penalty#NONE} for least squares
 * @param hypotheses the tests of {@code --hypothesis}, in the order given
 * @param influence  what {@code --influence} wrote, when asked for
 */
public record FitReport(String source, String label, Optional<String> weight, RowCounts rows, OlsFit fit,
                        Optional<RegressionMetrics> test, LinearModel model, Predictions training,
                        Optional<Predictions> testPredictions, int passes, ElasticNet.Penalty penalty,
                        List<HypothesisTest> hypotheses, Optional<InfluenceSummary> influence, int sourceReads,
                        long bytesFetched) {

    public FitReport {
        hypotheses = List.copyOf(hypotheses);
    }

    /** Without hypotheses or influence, before the inputs' reads are counted. */
    public FitReport(String source, String label, Optional<String> weight, RowCounts rows, OlsFit fit,
                     Optional<RegressionMetrics> test, LinearModel model, Predictions training,
                     Optional<Predictions> testPredictions, int passes, ElasticNet.Penalty penalty) {
        this(source, label, weight, rows, fit, test, model, training, testPredictions, passes, penalty, List.of(),
                Optional.empty(), 0, 0);
    }

    /** The same report, with what the influence pass wrote (a pass after the fit, as --test-output's, not counted). */
    public FitReport withInfluence(InfluenceSummary summary) {
        return new FitReport(source, label, weight, rows, fit, test, model, training, testPredictions, passes,
                penalty, hypotheses, Optional.of(summary), sourceReads, bytesFetched);
    }

    /** The same report, saying how many times the inputs themselves were read (the rest read their spill). */
    public FitReport withSourceReads(int reads) {
        return new FitReport(source, label, weight, rows, fit, test, model, training, testPredictions, passes,
                penalty, hypotheses, influence, reads, bytesFetched);
    }

    /** The same report, with the bytes fetched from remote objects (S3) to read the inputs. */
    public FitReport withBytesFetched(long bytes) {
        return new FitReport(source, label, weight, rows, fit, test, model, training, testPredictions, passes,
                penalty, hypotheses, influence, sourceReads, bytes);
    }

    /**
     * Actual and predicted (fitted) label values of a deterministic sample of at most
     * {@link RegressionWorkflow#PLOT_POINTS} rows, for plots.
     */
    public record Predictions(double[] actual, double[] predicted) {
    }
}
