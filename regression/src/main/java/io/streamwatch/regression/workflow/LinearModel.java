package io.streamwatch.regression.workflow;

import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.design.RowEncoder;
import io.streamwatch.regression.solve.CompensatedSum;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import java.util.Objects;

/**
 * A fitted model ready to predict and to save: the label, the row encoder (features, levels, imputation
 * values), the coefficients in design-column order and, for intervals, what inference needs. Immutable and
 * thread-safe.
 *
 * @param inference the coefficients' covariance, σ² and the residual degrees of freedom; empty for a model
 *                  saved before intervals existed
 */
public record LinearModel(String label, RowEncoder encoder, List<String> coefficientNames, double[] coefficients,
                          Optional<Inference> inference) {

    /**
     * What prediction intervals need, as statsmodels' {@code get_prediction} uses it.
     *
     * @param covarianceType the covariance's name (nonrobust, HC0..HC3)
     * @param covariance     the coefficients' covariance matrix
     * @param sigma2         the residual variance σ² (RSS / df)
     * @param dfResidual     residual degrees of freedom, for the t quantiles
     */
    public record Inference(String covarianceType, double[][] covariance, double sigma2, long dfResidual) {
    }

    /**
     * A prediction with its intervals (statsmodels' {@code summary_frame} columns).
     *
     * @param meanSe standard error of the predicted mean, sqrt(x' V x)
     */
    public record Interval(double mean, double meanSe, double meanLower, double meanUpper, double obsLower,
                           double obsUpper) {
    }

    public LinearModel {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(inference, "inference");
        coefficientNames = List.copyOf(coefficientNames);
        coefficients = coefficients.clone();
        if (!coefficientNames.equals(encoder.columnNames()) || coefficients.length != coefficientNames.size()) {
            throw new IllegalArgumentException("coefficients " + coefficientNames + " do not match the encoder's columns "
                    + encoder.columnNames());
        }
    }

    /** The model's input columns, in the slot order {@link #predict} reads them. */
    public List<String> featureColumns() {
        return encoder.features().stream().map(f -> f.name()).toList();
    }

    /**
     * Predicts one row whose slots are {@link #featureColumns()}, or says why it cannot (see
     * {@link RowEncoder#problem}).
     */
    public Prediction predict(Row row) {
        double[] x = new double[encoder.width()];
        if (encoder.encode(row, x) == RowEncoder.Outcome.INVALID) {
            return new Prediction(Double.NaN, encoder.problem(row));
        }
        return new Prediction(dot(x, coefficients), "");
    }

    /**
     * The prediction with confidence and prediction intervals at {@code level}, or why there is none. For
     * many rows, take {@link #intervals} once: the quantile is computed once there.
     *
     * @throws IllegalStateException when the model has no {@link Inference} (saved before intervals existed)
     */
    public Optional<Interval> interval(Row row, double level) {
        return intervals(level).of(row);
    }

    /**
     * Intervals at {@code level} for any number of rows.
     *
     * @throws IllegalStateException when the model has no {@link Inference} (saved before intervals existed)
     */
    public Intervals intervals(double level) {
        Inference inf = inference.orElseThrow(() -> new IllegalStateException(
                "this model was saved before prediction intervals existed; refit it with fit --model-out"));
        // As statsmodels: t quantiles for the classical covariance, normal ones for the robust covariances.
        double t = (inf.covarianceType().equals("nonrobust") ? new TDistribution(null, inf.dfResidual())
                : new NormalDistribution(null, 0, 1)).inverseCumulativeProbability(0.5 + level / 2);
        return new Intervals(inf, t);
    }

    /** Intervals at one level, its quantile computed once. Thread-safe. */
    public final class Intervals {
        private final Inference inference;
        private final double quantile;

        private Intervals(Inference inference, double quantile) {
            this.inference = inference;
            this.quantile = quantile;
        }

        /** The row's prediction and intervals, or empty when the row cannot be encoded. */
        public Optional<Interval> of(Row row) {
            double[] x = new double[encoder.width()];
            if (encoder.encode(row, x) == RowEncoder.Outcome.INVALID) {
                return Optional.empty();
            }
            double mean = dot(x, coefficients);
            double variance = 0;
            for (int i = 0; i < x.length; i++) {
                double vx = 0;
                for (int j = 0; j < x.length; j++) {
                    vx += inference.covariance()[i][j] * x[j];
                }
                variance += x[i] * vx;
            }
            double se = Math.sqrt(Math.max(0, variance));
            double obs = Math.sqrt(se * se + inference.sigma2());
            return Optional.of(new Interval(mean, se, mean - quantile * se, mean + quantile * se,
                    mean - quantile * obs, mean + quantile * obs));
        }
    }

    /** {@code x·b} over b's length, in about twice double precision, rounded once. */
    static double dot(double[] x, double[] b) {
        CompensatedSum s = new CompensatedSum();
        for (int j = 0; j < b.length; j++) {
            s.addProduct(x[j], b[j]);
        }
        return s.value();
    }

    /** A prediction, or the reason there is none. */
    public record Prediction(double value, String problem) {
        public boolean valid() {
            return problem.isEmpty();
        }
    }
}
