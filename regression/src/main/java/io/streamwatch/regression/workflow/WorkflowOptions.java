package io.streamwatch.regression.workflow;

import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.design.UnseenLevelPolicy;
import io.streamwatch.regression.inference.CovarianceType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import io.streamwatch.regression.design.Formula;
import io.streamwatch.regression.design.Term;
import io.streamwatch.regression.solve.ElasticNet;

/**
 * The choices of one fit, like a Spark ML pipeline's: label, features, intercept, invalid-value policy,
 * and the seeded train/test split.
 *
 * @param trainFraction share of rows used for training when no separate test file is given
 * @param covariance    the covariance behind standard errors, t, p, intervals and the F test
 * @param weight        the column of row weights for weighted least squares (Spark's {@code weightCol},
 *                      statsmodels' {@code WLS}); empty for ordinary least squares
 * @param terms         the model's terms over the features (a formula's); empty for the features as they are
 * @param categorical   features to treat as categorical even when they hold numbers ({@code C(x)})
 * @param penalty       ridge, lasso or elastic net with Spark's objective; {@link ElasticNet.Penalty#NONE} for
 *                      least squares
 * @param inference     the covariance's groups (cluster) or lags (HAC), and the hypotheses to test
 */
public record WorkflowOptions(String label, List<String> features, boolean intercept, InvalidPolicy invalid,
                              UnseenLevelPolicy unseen, double trainFraction, long seed, CovarianceType covariance,
                              Optional<String> weight, List<Term> terms, Set<String> categorical,
                              ElasticNet.Penalty penalty, InferenceOptions inference) {

    public WorkflowOptions(String label, List<String> features, boolean intercept, InvalidPolicy invalid,
                           UnseenLevelPolicy unseen, double trainFraction, long seed, CovarianceType covariance,
                           Optional<String> weight, List<Term> terms, Set<String> categorical,
                           ElasticNet.Penalty penalty) {
        this(label, features, intercept, invalid, unseen, trainFraction, seed, covariance, weight, terms, categorical,
                penalty, InferenceOptions.NONE);
    }

    public WorkflowOptions(String label, List<String> features, boolean intercept, InvalidPolicy invalid,
                           UnseenLevelPolicy unseen, double trainFraction, long seed, CovarianceType covariance,
                           Optional<String> weight, List<Term> terms, Set<String> categorical) {
        this(label, features, intercept, invalid, unseen, trainFraction, seed, covariance, weight, terms, categorical,
                ElasticNet.Penalty.NONE);
    }

    /** The same choices with a penalty. */
    public WorkflowOptions withPenalty(ElasticNet.Penalty p) {
        return new WorkflowOptions(label, features, intercept, invalid, unseen, trainFraction, seed, covariance, weight,
                terms, categorical, p, inference);
    }

    /** The same choices with these groups, lags and hypotheses. */
    public WorkflowOptions withInference(InferenceOptions i) {
        return withCovariance(covariance, i);
    }

    /** The same choices under another covariance, with its groups or lags, and these hypotheses. */
    public WorkflowOptions withCovariance(CovarianceType type, InferenceOptions i) {
        return new WorkflowOptions(label, features, intercept, invalid, unseen, trainFraction, seed, type, weight,
                terms, categorical, penalty, i);
    }

    public WorkflowOptions(String label, List<String> features, boolean intercept, InvalidPolicy invalid,
                           UnseenLevelPolicy unseen, double trainFraction, long seed, CovarianceType covariance,
                           Optional<String> weight) {
        this(label, features, intercept, invalid, unseen, trainFraction, seed, covariance, weight, List.of(), Set.of());
    }

    /** The choices of a formula's model: its label, columns, terms and intercept, with these policies. */
    public static WorkflowOptions of(Formula formula, InvalidPolicy invalid, UnseenLevelPolicy unseen,
                                     double trainFraction, long seed, CovarianceType covariance,
                                     Optional<String> weight) {
        return new WorkflowOptions(formula.label(), formula.columns(), formula.intercept(), invalid, unseen,
                trainFraction, seed, covariance, weight, formula.terms(), formula.categorical());
    }

    /** Unweighted. */
    public WorkflowOptions(String label, List<String> features, boolean intercept, InvalidPolicy invalid,
                           UnseenLevelPolicy unseen, double trainFraction, long seed, CovarianceType covariance) {
        this(label, features, intercept, invalid, unseen, trainFraction, seed, covariance, Optional.empty());
    }

    /** With the classical covariance. */
    public WorkflowOptions(String label, List<String> features, boolean intercept, InvalidPolicy invalid,
                           UnseenLevelPolicy unseen, double trainFraction, long seed) {
        this(label, features, intercept, invalid, unseen, trainFraction, seed, CovarianceType.NONROBUST);
    }

    public WorkflowOptions {
        Objects.requireNonNull(covariance, "covariance");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(inference, "inference");
        if (penalty.active() && !intercept) {
            throw new IllegalArgumentException("a regularized fit needs the intercept (drop --no-intercept)");
        }
        if (penalty.active() && covariance.robust()) {
            throw new IllegalArgumentException("--cov " + covariance.label() + " is for least squares; a regularized "
                    + "fit reports Spark's standard errors (ridge only)");
        }
        if (penalty.active() && !inference.hypotheses().isEmpty()) {
            throw new IllegalArgumentException("--hypothesis tests a least-squares fit; a regularized fit's estimates "
                    + "are biased and its covariance is not the one the test needs");
        }
        if (covariance == CovarianceType.CLUSTER && inference.groups().isEmpty()) {
            throw new IllegalArgumentException("--cov cluster needs --groups COL (one-way) or --groups COL1,COL2 "
                    + "(two-way): the columns whose values say which rows are clustered together");
        }
        if (covariance != CovarianceType.CLUSTER && !inference.groups().isEmpty()) {
            throw new IllegalArgumentException("--groups names the clusters of --cov cluster; add --cov cluster, or "
                    + "drop --groups");
        }
        if (covariance == CovarianceType.HAC && inference.maxLags().isEmpty()) {
            throw new IllegalArgumentException("--cov HAC needs --maxlags L, the highest lag of the Newey-West "
                    + "window (statsmodels requires it too; a common choice is floor(4 (n/100)^(2/9)))");
        }
        if (covariance != CovarianceType.HAC && inference.maxLags().isPresent()) {
            throw new IllegalArgumentException("--maxlags is the window of --cov HAC; add --cov HAC, or drop --maxlags");
        }
        if (inference.groups().contains(label)) {
            throw new IllegalArgumentException("the label '" + label + "' cannot also be a grouping column");
        }
        terms = List.copyOf(terms);
        categorical = Set.copyOf(categorical);
        if (weight.isPresent() && (weight.get().equals(label) || features.contains(weight.get()))) {
            throw new IllegalArgumentException("the weight column '" + weight.get() + "' cannot also be the label "
                    + "or a feature");
        }
        Objects.requireNonNull(label, "label");
        features = List.copyOf(features);
        Objects.requireNonNull(invalid, "invalid");
        Objects.requireNonNull(unseen, "unseen");
        if (features.contains(label)) {
            throw new IllegalArgumentException("the label '" + label + "' cannot also be a feature");
        }
    }
}
