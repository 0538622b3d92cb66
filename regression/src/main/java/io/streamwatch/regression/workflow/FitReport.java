package io.streamwatch.regression.workflow;

import io.streamwatch.regression.inference.OlsFit;
import io.streamwatch.regression.inference.RegressionMetrics;
import io.streamwatch.regression.solve.ElasticNet;
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
 */
public record FitReport(String source, String label, Optional<String> weight, RowCounts rows, OlsFit fit,
                        Optional<RegressionMetrics> test, LinearModel model, Predictions training,
                        Optional<Predictions> testPredictions, int passes, ElasticNet.Penalty penalty,
                        int sourceReads, long bytesFetched) {

    /** A report before the inputs' reads are counted. */
    public FitReport(String source, String label, Optional<String> weight, RowCounts rows, OlsFit fit,
                     Optional<RegressionMetrics> test, LinearModel model, Predictions training,
                     Optional<Predictions> testPredictions, int passes, ElasticNet.Penalty penalty) {
        this(source, label, weight, rows, fit, test, model, training, testPredictions, passes, penalty, 0, 0);
    }

    /** The same report, saying how many times the inputs themselves were read (the rest read their spill). */
    public FitReport withSourceReads(int reads) {
        return new FitReport(source, label, weight, rows, fit, test, model, training, testPredictions, passes,
                penalty, reads, bytesFetched);
    }

    /** The same report, with the bytes fetched from remote objects (S3) to read the inputs. */
    public FitReport withBytesFetched(long bytes) {
        return new FitReport(source, label, weight, rows, fit, test, model, training, testPredictions, passes,
                penalty, sourceReads, bytes);
    }

    /**
     * Actual and predicted (fitted) label values of a deterministic sample of at most
     * {@link RegressionWorkflow#PLOT_POINTS} rows, for plots.
     */
    public record Predictions(double[] actual, double[] predicted) {
    }
}
