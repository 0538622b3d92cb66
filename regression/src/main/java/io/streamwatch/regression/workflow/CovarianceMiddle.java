package io.streamwatch.regression.workflow;

import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.inference.ClusterScores;
import io.streamwatch.regression.inference.CovarianceDetails;
import io.streamwatch.regression.inference.CovarianceType;
import io.streamwatch.regression.inference.GroupIds;
import io.streamwatch.regression.inference.HacScores;
import io.streamwatch.regression.solve.QrFit;
import java.util.List;
import java.util.Optional;

/**
 * The middle of a robust covariance's sandwich, for one part of a residual pass: what each training row adds
 * (its design row as the factor saw it, {@code x} or {@code √w x}, and its residual, {@code e} or {@code √w e}:
 * statsmodels' {@code wexog} and {@code wresid}), merged in input order, then the covariance.
 */
abstract class CovarianceMiddle implements java.io.Serializable {

    /** One training row used, in input order within the part. */
    abstract void add(Row row, double[] factored, double residual);

    /** Adds the part that follows this one in input order. */
    abstract void merge(CovarianceMiddle next);

    /**
     * The coefficients' covariance.
     *
     * @param n the training rows used
     */
    abstract double[][] covariance(QrFit fit, long n);

    abstract CovarianceDetails details();

    /** The middle the covariance needs, for one part; empty for the classical covariance. */
    static Optional<CovarianceMiddle> of(CovarianceType type, QrFit fit, Plan plan, InferenceOptions options) {
        int p = plan.width();
        return switch (type) {
            case NONROBUST -> Optional.empty();
            case CLUSTER -> Optional.of(new Cluster(plan.groups(), p));
            case HAC -> Optional.of(new Hac(p, options.maxLags().orElseThrow()));
            default -> Optional.of(new Hc(type, fit));
        };
    }

    /** HC0..HC3: Σ ω_i x_i x_i'. */
    private static final class Hc extends CovarianceMiddle {
        private final CovarianceType type;
        private final QrFit.Meat meat;
        private final int p;

        Hc(CovarianceType type, QrFit fit) {
            this.type = type;
            // Serializable, as the rest of a pass's state, for sources that run passes on other machines (Spark).
            this.meat = fit.meat((java.util.function.DoubleBinaryOperator & java.io.Serializable) type::weight,
                    type.needsLeverage());
            this.p = fit.coefficients().length;
        }

        @Override
        void add(Row row, double[] factored, double residual) {
            meat.add(factored, residual);
        }

        @Override
        void merge(CovarianceMiddle next) {
            meat.merge(((Hc) next).meat);
        }

        @Override
        double[][] covariance(QrFit fit, long n) {
            return meat.sandwich(type == CovarianceType.HC1 ? n / (double) (n - p) : 1);
        }

        @Override
        CovarianceDetails details() {
            return CovarianceDetails.of(type);
        }
    }

    /** One- or two-way clusters: the groups' score sums. */
    private static final class Cluster extends CovarianceMiddle {
        private final Plan.Groups groups;
        private final ClusterScores scores;
        private final double[] score;

        Cluster(Plan.Groups groups, int p) {
            this.groups = groups;
            this.scores = new ClusterScores(p, groups.numeric());
            this.score = new double[p];
        }

        private int id(int d, Row row) {
            GroupIds ids = scores.ids(d);
            int slot = groups.slots()[d];
            return groups.numeric()[d] ? ids.of(row.number(slot)) : ids.of(row.text(slot));
        }

        @Override
        void add(Row row, double[] factored, double residual) {
            for (int j = 0; j < score.length; j++) {
                score[j] = factored[j] * residual;
            }
            scores.add(id(0, row), groups.size() == 2 ? id(1, row) : 0, score);
        }

        @Override
        void merge(CovarianceMiddle next) {
            scores.merge(((Cluster) next).scores);
        }

        /**
         * statsmodels' {@code cov_cluster}: G/(G - 1) (n - 1)/(n - p) (X'X)⁻¹ Σ_g s_g s_g' (X'X)⁻¹; two-way
         * ({@code cov_cluster_2groups}), the two one-way covariances less the intersections', each with its own
         * G. No positive-definiteness fix, as statsmodels.
         */
        @Override
        double[][] covariance(QrFit fit, long n) {
            int p = score.length;
            List<Long> counts = scores.groupCounts();
            for (int d = 0; d < counts.size(); d++) {
                if (counts.get(d) < 2) {
                    throw new IllegalArgumentException("--cov cluster needs at least two groups, but the grouping "
                            + "column '" + groups.names().get(d) + "' has " + counts.get(d) + " value in the "
                            + "training rows");
                }
            }
            List<ClusterScores.Middle> middles = scores.middles();
            double[][] total = new double[p][p];
            for (int k = 0; k < middles.size(); k++) {
                ClusterScores.Middle m = middles.get(k);
                double g = m.groups();
                double correction = g / (g - 1) * ((n - 1.0) / (n - p));
                double[][] part = fit.sandwich(m.matrix(), correction);
                double sign = k == 2 ? -1 : 1;
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < p; j++) {
                        total[i][j] += sign * part[i][j];
                    }
                }
            }
            return total;
        }

        @Override
        CovarianceDetails details() {
            return new CovarianceDetails(CovarianceType.CLUSTER, groups.names(), scores.groupCounts(),
                    groups.size() == 2 ? scores.intersections() : null, null);
        }
    }

    /** Newey-West: lagged products of the scores in input order. */
    private static final class Hac extends CovarianceMiddle {
        private final HacScores scores;
        private final double[] score;

        Hac(int p, int lags) {
            this.scores = new HacScores(p, lags);
            this.score = new double[p];
        }

        @Override
        void add(Row row, double[] factored, double residual) {
            for (int j = 0; j < score.length; j++) {
                score[j] = factored[j] * residual;
            }
            scores.add(score);
        }

        @Override
        void merge(CovarianceMiddle next) {
            scores.merge(((Hac) next).scores);
        }

        /** statsmodels' {@code cov_hac_simple} with {@code use_correction=False}: no small-sample factor. */
        @Override
        double[][] covariance(QrFit fit, long n) {
            return fit.sandwich(scores.middle(), 1);
        }

        @Override
        CovarianceDetails details() {
            return new CovarianceDetails(CovarianceType.HAC, List.of(), List.of(), null, scores.lags());
        }
    }
}
