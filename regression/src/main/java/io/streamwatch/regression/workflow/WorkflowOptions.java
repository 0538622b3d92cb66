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
 */
public record WorkflowOptions(String label, List<String> features, boolean intercept, InvalidPolicy invalid,
                              UnseenLevelPolicy unseen, double trainFraction, long seed, CovarianceType covariance,
                              Optional<String> weight, List<Term> terms, Set<String> categorical,
                              ElasticNet.Penalty penalty) {

    public WorkflowOptions(String label, List<String> features, boolean intercept, InvalidPolicy invalid,
                           UnseenLevelPolicy unseen, double trainFraction, long seed, CovarianceType covariance,
                           Optional<String> weight, List<Term> terms, Set<String> categorical) {
        this(label, features, intercept, invalid, unseen, trainFraction, seed, covariance, weight, terms, categorical,
                ElasticNet.Penalty.NONE);
    }

    /** The same choices with a penalty. */
    public WorkflowOptions withPenalty(ElasticNet.Penalty p) {
        return new WorkflowOptions(label, features, intercept, invalid, unseen, trainFraction, seed, covariance, weight,
                terms, categorical, p);
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
        if (penalty.active() && !intercept) {
            throw new IllegalArgumentException("a regularized fit needs the intercept (drop --no-intercept)");
        }
        if (penalty.active() && covariance.robust()) {
            throw new IllegalArgumentException("--cov " + covariance.label() + " is for least squares; a regularized "
                    + "fit reports Spark's standard errors (ridge only)");
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
