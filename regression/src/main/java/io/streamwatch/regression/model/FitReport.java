package io.streamwatch.regression.model;

import io.streamwatch.regression.data.Schema;
import java.util.Optional;

/**
 * Everything one run produced: the input schema, where the rows went, the fit with its statistics, the
 * metrics on the test part (when there is one), and the model to save.
 */
public record FitReport(String source, Schema schema, String label, RowCounts rows, OlsFit fit,
                        Optional<RegressionMetrics> test, LinearModel model, Predictions training,
                        Optional<Predictions> testPredictions) {

    /** Actual and predicted (fitted) label values, row by row, for plots. */
    public record Predictions(double[] actual, double[] predicted) {
    }
}
